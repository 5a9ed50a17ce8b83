"""The script PyInstaller freezes: runs `smmdesk.app:main`, exactly like the installed
`smmdesk` command.

One diagnostic lives here rather than in the app, because it only matters for a frozen
build: with SMMDESK_PROBE_KEYRING=1 in the environment the launcher prints the keyring
backend that the bundle resolved (module.Class, then its priority) and exits, so a
packaging test or a user's bug report can show that the backends were bundled and found.
"""

from __future__ import annotations

import os
import sys


def _probe_keyring() -> int:
    import keyring
    from keyring.backends import fail

    backend = keyring.get_keyring()
    chained = getattr(backend, "backends", None) or [backend]
    for item in chained:
        kind = type(item)
        print(f"{kind.__module__}.{kind.__qualname__} priority={item.priority}")  # noqa: T201
    return 1 if isinstance(backend, fail.Keyring) else 0


if __name__ == "__main__":
    if os.environ.get("SMMDESK_PROBE_KEYRING") == "1":
        sys.exit(_probe_keyring())

    from smmdesk.app import main

    sys.exit(main())
