"""What SMMDesk says about API keys: where a panel's key is, and the keys of removed
panels that may still be in the system keyring."""

from __future__ import annotations

from smmdesk.secrets import KeyPlace
from smmdesk.services.panels import KeyLocation
from smmdesk.store.records import KeyToDelete

ENTER_KEY = "Your API key from the panel's API page"
REPLACE_KEY = "Type a new key to replace it"


def key_place_words(location: KeyLocation) -> tuple[str, str]:
    """What the form says about where the key is, and the key field's placeholder."""
    place = location.place
    if place is KeyPlace.KEYRING:
        return f"Key: {place.value}.", REPLACE_KEY
    if place is KeyPlace.SESSION:
        return f"Key: {place.value}; enter it again after restarting SMMDesk.", REPLACE_KEY
    if place is KeyPlace.NOWHERE and location.session_only:
        return "Key: none for this session (the system keyring is not in use).", ENTER_KEY
    if place is KeyPlace.NOWHERE:
        return f"Key: {place.value}.", ENTER_KEY
    return f"Key: the system keyring cannot be read. {location.problem or ''}".strip(), ENTER_KEY


def key_left_words(key: KeyToDelete) -> str:
    """One line about a removed panel's key that may still be in the keyring."""
    if key.problem is None:
        return (
            f"The API key of removed panel “{key.panel_name}” may still be in the system "
            "keyring (SMMDesk closed before deleting it)."
        )
    return (
        f"The API key of removed panel “{key.panel_name}” could not be deleted from the "
        f"system keyring: {key.problem}"
    )
