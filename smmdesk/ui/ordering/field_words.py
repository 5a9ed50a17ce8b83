"""The order fields' words in the user's language: labels (with their mnemonics), hints and
the problems `validate_order` and the sell price report.

`smmdesk.api.forms` has no Qt and speaks English: a field's label and hint are looked up
here by their English text, and a problem is read back against the English templates it
was written from, then said again in the user's language with its numbers in the
locale's digits. A text this module does not know is shown as it is.

The mnemonics avoid the letters of the main window's menus (F, V, O, H) and differ from
each other within a form (the common Default one and most others).
"""

from __future__ import annotations

import re
from functools import cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from smmdesk.api import FieldSpec
from smmdesk.ui.common.format import format_count

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls

# The API's English label -> the label with its mnemonic, marked for lupdate.
_LABELS = {
    "Link": QT_TRANSLATE_NOOP("OrderFields", "&Link"),
    "Quantity": QT_TRANSLATE_NOOP("OrderFields", "&Quantity"),
    "Drip-feed runs": QT_TRANSLATE_NOOP("OrderFields", "&Drip-feed runs"),
    "Interval (minutes)": QT_TRANSLATE_NOOP("OrderFields", "&Interval (minutes)"),
    "Comments": QT_TRANSLATE_NOOP("OrderFields", "&Comments"),
    "Usernames": QT_TRANSLATE_NOOP("OrderFields", "&Usernames"),
    "Username": QT_TRANSLATE_NOOP("OrderFields", "&Username"),
    "Keywords": QT_TRANSLATE_NOOP("OrderFields", "&Keywords"),
    "Hashtags": QT_TRANSLATE_NOOP("OrderFields", "Hashta&gs"),
    "Hashtag": QT_TRANSLATE_NOOP("OrderFields", "Hashta&g"),
    "Media URL": QT_TRANSLATE_NOOP("OrderFields", "Media &URL"),
    "Comment author": QT_TRANSLATE_NOOP("OrderFields", "Comment &author"),
    "Answer number": QT_TRANSLATE_NOOP("OrderFields", "&Answer number"),
    "Groups": QT_TRANSLATE_NOOP("OrderFields", "&Groups"),
    "Min per post": QT_TRANSLATE_NOOP("OrderFields", "M&in per post"),
    "Max per post": QT_TRANSLATE_NOOP("OrderFields", "M&ax per post"),
    "New posts": QT_TRANSLATE_NOOP("OrderFields", "Ne&w posts"),
    "Old posts": QT_TRANSLATE_NOOP("OrderFields", "O&ld posts"),
    "Delay (minutes)": QT_TRANSLATE_NOOP("OrderFields", "&Delay (minutes)"),
    "Expiry": QT_TRANSLATE_NOOP("OrderFields", "&Expiry"),
}
_HINTS = (  # marked for lupdate; `field_hint` looks them up by their English text
    QT_TRANSLATE_NOOP("OrderFields", "The page, post or profile URL"),
    QT_TRANSLATE_NOOP("OrderFields", "Leave empty for no drip-feed"),
    QT_TRANSLATE_NOOP("OrderFields", "One comment per line"),
    QT_TRANSLATE_NOOP("OrderFields", "One username per line"),
    QT_TRANSLATE_NOOP("OrderFields", "One keyword per line"),
    QT_TRANSLATE_NOOP("OrderFields", "One hashtag per line"),
    QT_TRANSLATE_NOOP("OrderFields", "Username of the comment's author"),
    QT_TRANSLATE_NOOP("OrderFields", "One group per line"),
    QT_TRANSLATE_NOOP("OrderFields", "Empty = unlimited"),
    QT_TRANSLATE_NOOP("OrderFields", "dd/mm/yyyy"),
)
# What `validate_order` (smmdesk.api.forms) and the sell price (smmdesk.services.profit)
# say, as templates: {field} is a label, {limit} and {count} numbers, the rest as written.
_PROBLEMS = (
    QT_TRANSLATE_NOOP("OrderProblems", "{field} is required"),
    QT_TRANSLATE_NOOP("OrderProblems", "{field} is too large"),
    QT_TRANSLATE_NOOP("OrderProblems", "{field} must be a whole number"),
    QT_TRANSLATE_NOOP("OrderProblems", "{field} must be one of {choices}"),
    QT_TRANSLATE_NOOP("OrderProblems", "A link is a single line"),
    QT_TRANSLATE_NOOP("OrderProblems", "A link cannot contain spaces or control characters"),
    QT_TRANSLATE_NOOP(
        "OrderProblems", "A link is at most {limit} characters (this one has {count})"
    ),
    QT_TRANSLATE_NOOP("OrderProblems", "A link starts with http:// or https://, not {scheme}:"),
    QT_TRANSLATE_NOOP("OrderProblems", "This link has no address after http(s)://"),
    QT_TRANSLATE_NOOP("OrderProblems", "This link's address is not valid"),
    QT_TRANSLATE_NOOP("OrderProblems", "{field} is a single line without control characters"),
    QT_TRANSLATE_NOOP("OrderProblems", "{field} is at most {limit} characters"),
    QT_TRANSLATE_NOOP("OrderProblems", "{field}: at most {limit} lines (you have {count})"),
    QT_TRANSLATE_NOOP("OrderProblems", "At least {limit} (you have {count})"),
    QT_TRANSLATE_NOOP("OrderProblems", "At most {limit} (you have {count})"),
    QT_TRANSLATE_NOOP("OrderProblems", "At least 1 post (leave empty for no limit)"),
    QT_TRANSLATE_NOOP("OrderProblems", "At least {limit}"),
    QT_TRANSLATE_NOOP("OrderProblems", "At most {limit}"),
    QT_TRANSLATE_NOOP("OrderProblems", "Max must not be below min"),
    QT_TRANSLATE_NOOP("OrderProblems", "Drip-feed needs at least 2 runs"),
    QT_TRANSLATE_NOOP("OrderProblems", "Drip-feed needs an interval of at least 1 minute"),
    QT_TRANSLATE_NOOP(
        "OrderProblems",
        "“{text}” is not an amount. Type an amount such as 12.50, or a markup such as +30%.",
    ),
    QT_TRANSLATE_NOOP("OrderProblems", "That amount is too large."),
    QT_TRANSLATE_NOOP("OrderProblems", "An amount has at most 7 decimals."),
    QT_TRANSLATE_NOOP("OrderProblems", "“{text}” is not a markup. Type a percentage, such as 30."),
    QT_TRANSLATE_NOOP("OrderProblems", "A markup lies between -100% and 100,000%."),
    QT_TRANSLATE_NOOP("OrderProblems", "Type the markup before the %, such as +30%."),
)
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_NUMBERS = frozenset({"limit", "count"})
_CJK_MNEMONIC = re.compile(r"\s*\(&\w\)")  # "链接(&L)": the mnemonic written apart


def mnemonic_label(spec: FieldSpec) -> str:
    """`&Link`, `&Drip-feed runs (optional)`: the form's label, in the user's language."""
    marked = _LABELS.get(spec.label)
    label = translate("OrderFields", str(marked)) if marked else spec.label
    if spec.required:
        return label
    return translate("OrderFields", "{label} (optional)").format(label=label)


def field_label(label: str) -> str:
    """The API's English label in the user's language, without a mnemonic: for reading
    (the confirmation, a screen reader, a problem); unknown labels as they are."""
    marked = _LABELS.get(label)
    return without_mnemonic(translate("OrderFields", str(marked))) if marked else label


def field_hint(hint: str) -> str:
    return translate("OrderFields", hint) if hint else ""


def without_mnemonic(text: str) -> str:
    """`M&in per post` -> `Min per post`; `&&` stays one `&`."""
    return _CJK_MNEMONIC.sub("", text).replace("&&", "\0").replace("&", "").replace("\0", "&")


def problem_words(message: str) -> str:
    """A problem from `validate_order` or the sell price, in the user's language."""
    for template, pattern in _patterns():
        found = pattern.fullmatch(message)
        if found is not None:
            values = {name: _value(name, text) for name, text in found.groupdict().items()}
            return translate("OrderProblems", template).format(**values)
    return message


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((str(template), _pattern(str(template))) for template in _PROBLEMS)


def _pattern(template: str) -> re.Pattern[str]:
    parts, at = [], 0
    for placeholder in _PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[at : placeholder.start()]))
        name = placeholder.group(1)
        parts.append(rf"(?P<{name}>[0-9][0-9,]*)" if name in _NUMBERS else rf"(?P<{name}>.+?)")
        at = placeholder.end()
    parts.append(re.escape(template[at:]))
    return re.compile("".join(parts), re.DOTALL)


def _value(name: str, text: str) -> str:
    if name in _NUMBERS:
        return format_count(int(text.replace(",", "")))
    return field_label(text) if name == "field" else text
