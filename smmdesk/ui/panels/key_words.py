"""What SMMDesk says about API keys: where a panel's key is, and the keys of removed
panels that may still be in the system keyring."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from smmdesk.secrets import KeyPlace
from smmdesk.services.panels import KeyLocation
from smmdesk.store.records import KeyToDelete

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
# Marked for lupdate; translated where shown (context "PanelsDialog").
ENTER_KEY = str(QT_TRANSLATE_NOOP("PanelsDialog", "Your API key from the panel's API page"))
REPLACE_KEY = str(QT_TRANSLATE_NOOP("PanelsDialog", "Type a new key to replace it"))


def key_place_words(location: KeyLocation) -> tuple[str, str]:
    """What the form says about where the key is, and the key field's placeholder (both
    translated)."""
    place = location.place
    replace = translate("PanelsDialog", REPLACE_KEY)
    enter = translate("PanelsDialog", ENTER_KEY)
    if place is KeyPlace.KEYRING:
        return translate("PanelsDialog", "Key: saved in the system keyring."), replace
    if place is KeyPlace.SESSION:
        session = translate(
            "PanelsDialog",
            "Key: kept for this session only; enter it again after restarting SMMDesk.",
        )
        return session, replace
    if place is KeyPlace.NOWHERE and location.session_only:
        none = translate(
            "PanelsDialog", "Key: none for this session (the system keyring is not in use)."
        )
        return none, enter
    if place is KeyPlace.NOWHERE:
        return translate("PanelsDialog", "Key: no key saved."), enter
    unreadable = translate("PanelsDialog", "Key: the system keyring cannot be read. {problem}")
    return unreadable.format(problem=location.problem or "").strip(), enter


def key_left_words(key: KeyToDelete) -> str:
    """One line about a removed panel's key that may still be in the keyring."""
    if key.problem is None:
        return translate(
            "PanelsDialog",
            "The API key of removed panel “{panel}” may still be in the system "
            "keyring (SMMDesk closed before deleting it).",
        ).format(panel=key.panel_name)
    return translate(
        "PanelsDialog",
        "The API key of removed panel “{panel}” could not be deleted from the "
        "system keyring: {problem}",
    ).format(panel=key.panel_name, problem=key.problem)


def retry_text(keys: int) -> str:
    """The button that tries again to delete the keys of removed panels."""
    if keys > 1:
        return translate("PanelsDialog", "Retry deleting the keys")
    return translate("PanelsDialog", "Retry deleting the key")


def session_key_offer(why: str, key: bool, password: bool) -> tuple[str, str] | None:
    """The title and question offering to keep what could not be saved (the key, the
    proxy password or both) for this session only; None when nothing was typed."""
    if key and password:
        title = translate("PanelsDialog", "The key and proxy password cannot be saved")
        question = translate(
            "PanelsDialog",
            "{why}\n\nKeep the key and proxy password in memory for this session only? "
            "You will need to enter it again after restarting SMMDesk.",
        )
    elif key:
        title = translate("PanelsDialog", "The key cannot be saved")
        question = translate(
            "PanelsDialog",
            "{why}\n\nKeep the key in memory for this session only? "
            "You will need to enter it again after restarting SMMDesk.",
        )
    elif password:
        title = translate("PanelsDialog", "The proxy password cannot be saved")
        question = translate(
            "PanelsDialog",
            "{why}\n\nKeep the proxy password in memory for this session only? "
            "You will need to enter it again after restarting SMMDesk.",
        )
    else:
        return None
    return title, question.format(why=why)
