"""The facade tests use the same store, keyring, desk and panel fixtures as the GUI tests."""

from tests.ui.conftest import desk, keys, settings, store, test_panel

__all__ = ["desk", "keys", "settings", "store", "test_panel"]
