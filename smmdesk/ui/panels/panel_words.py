"""What the panels dialog asks before it removes a panel or accepts a plain http:// URL,
and its note about the demo panel: whole sentences, each translated as one."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


def demo_note() -> str:
    return translate(
        "PanelsDialog", "The built-in demo panel needs no key and cannot be edited or removed."
    )


def remove_question(panel_name: str) -> tuple[str, str, str]:
    """(title, question, the button that says yes) before a panel is removed."""
    question = translate(
        "PanelsDialog",
        "Remove “{panel}”? Its cached catalogue and the order history kept on "
        "this computer are deleted too; orders on the panel itself are not affected.",
    ).format(panel=panel_name)
    return translate("PanelsDialog", "Remove panel"), question, translate("PanelsDialog", "Remove")


def insecure_question() -> tuple[str, str, str]:
    """(title, question, the button that says yes) before a plain http:// URL is used."""
    question = translate(
        "PanelsDialog",
        "This API URL uses plain http://, so your API key and orders would travel "
        "unencrypted and could be read by anyone on the network path.\n\n"
        "Use it anyway?",
    )
    title = translate("PanelsDialog", "Unencrypted connection")
    return title, question, translate("PanelsDialog", "Use http:// anyway")
