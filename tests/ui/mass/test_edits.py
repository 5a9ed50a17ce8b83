"""`LineEdits`: what the user changed before anything is sent, and what a check of it
says will be sent."""

from __future__ import annotations

from collections import Counter

from smmdesk.api.mass_lines import parse_mass_text
from smmdesk.services.mass_check import LineVerdict
from smmdesk.services.mass_summary import CheckFacts, facts_of
from smmdesk.ui.mass.edits import LineEdits, whole_problem
from tests.ui.mass.lines import TEXT, check


def test_a_field_typed_anew_replaces_it_and_an_empty_one_removes_it() -> None:
    edits = LineEdits()
    edits.reset(parse_mass_text(TEXT))
    changed = edits.edit_field(2, "quantity", "50")
    assert changed is not None and changed.fields["quantity"] == "50"
    assert edits.line(2) == changed and changed.source == "1|https://instagram.com/p/two|5"
    gone = edits.edit_field(2, "quantity", "")
    assert gone is not None and "quantity" not in gone.fields
    assert edits.edit_field(99, "quantity", "1") is None


def test_remove_skip_and_release_say_whether_anything_changed() -> None:
    edits = LineEdits()
    edits.reset(parse_mass_text(TEXT))
    assert edits.set_skipped([1, 5], True) and not edits.set_skipped([1], True)
    assert edits.set_released([4, 1], True, check()) and edits.released == {4}  # 1 not held
    assert edits.remove([5]) and not edits.remove([5])
    assert edits.skipped == {1} and [line.number for line in edits.lines] == [1, 2, 3, 4]


def test_what_a_check_sends_and_counts_in_one_pass() -> None:
    checked = check(released={4}, skipped={5})
    facts = checked.facts
    assert facts == facts_of(checked.lines)
    assert [line.line.number for line in facts.to_send] == [1, 4]
    assert facts.counts == {"ready": 2, "invalid": 2, "skipped": 1, "released": 1, "send": 2}
    assert facts.panel_ids == {1} and not facts.named_panels and not facts.other_fields
    assert checked.lines[3].verdict is LineVerdict.READY
    csv = "service,link,runs,panel\n3,https://x.example/a,2,Second <b>panel</b>\n"
    assert facts_of(check(csv).lines).other_fields
    assert facts_of(check(csv).lines).named_panels
    assert facts_of([]) == CheckFacts(counts=Counter(send=0))


def test_a_text_refused_whole_is_one_problem() -> None:
    assert whole_problem(parse_mass_text("x\n" * 60_000)).startswith("The text has 60,000 lines")
    assert whole_problem(parse_mass_text(TEXT)) == ""
