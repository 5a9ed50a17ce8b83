"""Errors in words: what a user can act on says what to do; a bug says it is one."""

from __future__ import annotations

from smmdesk.api import PanelError
from smmdesk.store import StoreError
from smmdesk.ui.common.errors import describe
from smmdesk.workers import DeskError, InternalError


def test_a_bug_reads_as_an_internal_error() -> None:
    described = describe(InternalError("placing the order", KeyError("x")))
    assert described.title == "Internal error"
    assert "placing the order" in described.text and "KeyError" in described.text
    assert "'x'" not in described.one_line and "Problem" not in described.one_line
    assert "log" in described.hint


def test_a_raw_lookup_error_is_not_a_user_problem() -> None:
    for bug in (KeyError("x"), IndexError("list index out of range")):
        described = describe(bug)
        assert described.title == "Internal error"
        assert "'x'" not in described.one_line


def test_what_the_user_can_act_on_keeps_its_words() -> None:
    assert describe(DeskError("Enter the API key.")).text == "Enter the API key."
    assert describe(StoreError("Enter the order ID.")).text == "Enter the order ID."
    refusal = describe(PanelError("Invalid API key"))
    assert refusal.title == "The panel refused" and refusal.hint


def test_an_untranslated_refusal_key_reads_as_words() -> None:
    from smmdesk.api.refusals import refusal

    described = describe(refusal("neworder.error.not_enough_funds"))
    assert "neworder" not in described.text.split("(")[0]
    assert "funds" in described.text.lower()
