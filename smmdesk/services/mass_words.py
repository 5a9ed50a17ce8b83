"""What checking a mass order says, in English: each verdict is a `Said` (api.said) the
Mass order pane translates in the "MassCheck" context, its templates marked here for
lupdate."""

from __future__ import annotations

from smmdesk.api.said import Said
from smmdesk.store import ActiveOnLink, JournalState


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate finds
    """Marks a text for lupdate without importing Qt (this layer stays Qt-free); the pane
    translates it where it shows it."""
    return text


WORDS = "MassCheck"  # the translation context
NO_SERVICE_ID = Said(WORDS, str(QT_TRANSLATE_NOOP("MassCheck", "No service ID on this line")))
NOT_LOADED = str(
    QT_TRANSLATE_NOOP("MassCheck", "{panel}'s services are not loaded: check the batch again")
)
NO_BATCH_PANEL = str(
    QT_TRANSLATE_NOOP("MassCheck", "The batch's panel no longer exists: choose another one")
)
UNKNOWN_PANEL = str(
    QT_TRANSLATE_NOOP("MassCheck", "No panel is called '{name}' (your panels: {names})")
)
NO_PANELS = str(
    QT_TRANSLATE_NOOP("MassCheck", "No panel is called '{name}' (your panels: none yet)")
)
NEVER_FETCHED = str(
    QT_TRANSLATE_NOOP(
        "MassCheck", "{panel}'s services have not been fetched yet: open Services first"
    )
)
NO_SUCH_SERVICE = str(QT_TRANSLATE_NOOP("MassCheck", "{panel} has no service {service}"))
PANEL_GONE = str(QT_TRANSLATE_NOOP("MassCheck", "panel {id}"))
# A problem `validate_order` words without its field: `label` and `problem` are
# api.forms' English, which the pane translates as the New order form does.
FIELD_PROBLEM = str(QT_TRANSLATE_NOOP("MassCheck", "{field}: {problem}"))

# The duplicate-link guard's.
SAME_LINK = str(QT_TRANSLATE_NOOP("MassCheck", "Line {number} has the same link"))
SAME_ACCOUNT = str(QT_TRANSLATE_NOOP("MassCheck", "Line {number} has the same account"))
ACTIVE_ON_LINK = str(
    QT_TRANSLATE_NOOP("MassCheck", "An active order {order} on {panel} has this link{more}")
)
ACTIVE_ON_ACCOUNT = str(
    QT_TRANSLATE_NOOP("MassCheck", "An active order {order} on {panel} has this account{more}")
)
UNCONFIRMED_ON_LINK = str(
    QT_TRANSLATE_NOOP(
        "MassCheck",
        "An unconfirmed order ({order}) on {panel} may already be working on this link{more}:"
        " check that panel's order list first",
    )
)
UNCONFIRMED_ON_ACCOUNT = str(
    QT_TRANSLATE_NOOP(
        "MassCheck",
        "An unconfirmed order ({order}) on {panel} may already be working on this account{more}:"
        " check that panel's order list first",
    )
)
ORDER_ID = str(QT_TRANSLATE_NOOP("MassCheck", "order {id}"))
AND_MORE = str(QT_TRANSLATE_NOOP("MassCheck", " (and {count} more)"))


def same_line_words(number: int, link: bool) -> Said:
    return Said(WORDS, SAME_LINK if link else SAME_ACCOUNT, number=number)


def active_words(active: ActiveOnLink, link: bool, panel: str) -> Said:
    """Why a line is held: an active order (or one whose placing is unclear) on `panel`
    has its link (or, `link` False, the account it follows)."""
    more = Said(WORDS, AND_MORE, count=active.count - 1) if active.count > 1 else ""
    if active.journal_state not in (JournalState.SENDING, JournalState.UNCONFIRMED):
        template = ACTIVE_ON_LINK if link else ACTIVE_ON_ACCOUNT
        return Said(WORDS, template, order=active.order_id, panel=panel, more=more)
    order = Said(WORDS, ORDER_ID, id=active.order_id) if active.order_id else f"#{active.record_id}"
    template = UNCONFIRMED_ON_LINK if link else UNCONFIRMED_ON_ACCOUNT
    return Said(WORDS, template, order=order, panel=panel, more=more)
