"""Reading mass orders (`smmdesk.api.mass_lines`): Perfect Panel lines and CSV/TSV with a
header, from pasted text or a file. Any text gives lines or per-line problems, never an
exception; well-formed lines read back exactly as written."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smmdesk.api import mass_lines
from smmdesk.api.mass_lines import (
    MAX_CHARS,
    MAX_LINES,
    NOT_TEXT,
    PIPE_SHAPE,
    UNCLOSED_QUOTE,
    MassLine,
    parse_mass_text,
    read_mass_file,
)

PROPERTIES = settings(
    max_examples=300,
    deadline=timedelta(milliseconds=200),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# What mass-order text is made of, so that random text often looks like one.
PIECES = st.sampled_from(
    ["|", ";", ",", "\t", "\n", "\r\n", "\r", '"', "#", " ", "\ufeff", "\x00", "\u2028",
     "service", "link", "quantity", "comments", "panel", "1", "100", "https://x.example/p?a=1",
     "@user", "é", "=cmd()"]
)  # fmt: skip
MASS_TEXT = st.one_of(st.text(), st.lists(st.one_of(PIECES, st.text(max_size=5))).map("".join))


def read(text: str) -> list[tuple[int, str | None, dict[str, str], str | None]]:
    return [(m.number, m.service_id, dict(m.fields), m.panel) for m in parse_mass_text(text)]


# -- any text ------------------------------------------------------------------------------


@PROPERTIES
@given(MASS_TEXT)
def test_any_text_gives_lines_or_per_line_problems(text: str) -> None:
    lines = parse_mass_text(text)
    assert all(isinstance(line, MassLine) for line in lines)
    numbers = [line.number for line in lines]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    physical = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for line in lines:
        assert 1 <= line.number <= len(physical)
        assert line.problem is None or line.problem.strip()
        assert all(isinstance(v, str) and v == v.strip() for v in line.fields.values())


@PROPERTIES
@given(st.binary(max_size=300))
def test_any_bytes_in_a_file_give_lines_or_a_problem(tmp_path_factory: pytest.TempPathFactory,
                                                     data: bytes) -> None:  # fmt: skip
    path = tmp_path_factory.mktemp("mass") / "orders.csv"
    path.write_bytes(data)
    assert all(isinstance(line, MassLine) for line in read_mass_file(path))


# -- round trips ---------------------------------------------------------------------------

SERVICE_IDS = st.from_regex(r"[0-9]{1,6}", fullmatch=True)
QUANTITIES = st.from_regex(r"[0-9]{1,9}", fullmatch=True)
LINK_CHARS = st.characters(blacklist_categories=("Cs", "Zl", "Zp", "Cc"), blacklist_characters="#")
LINKS = st.text(LINK_CHARS, min_size=1, max_size=40).map(str.strip).filter(bool)


@PROPERTIES
@given(st.lists(st.tuples(SERVICE_IDS, LINKS, st.integers(0, 10**9), st.sampled_from("|;\t")),
                min_size=1, max_size=20))  # fmt: skip
def test_well_formed_pipe_lines_read_back_as_written(
    orders: list[tuple[str, str, int, str]],
) -> None:
    text = "\r\n".join(f"{sid}{sep}{link}{sep}{qty}" for sid, link, qty, sep in orders)
    assert read(text) == [
        (n, sid, {"link": link, "quantity": str(qty)}, None)
        for n, (sid, link, qty, _) in enumerate(orders, 1)
    ]


@PROPERTIES
@given(SERVICE_IDS, LINKS.filter(lambda link: not set(link) & set("|;\t")), QUANTITIES)
def test_a_comma_separated_line_keeps_the_commas_of_its_link(sid: str, link: str,
                                                             quantity: str) -> None:  # fmt: skip
    [line] = parse_mass_text(f"{sid},{link},{quantity}")
    assert (line.service_id, dict(line.fields)) == (sid, {"link": link, "quantity": quantity})


CELL_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="|\r\x00"),
                    max_size=20).map(str.strip)  # fmt: skip
COMMENTS = st.lists(CELL_TEXT.filter(lambda c: bool(c) and "\n" not in c), max_size=4)


@PROPERTIES
@given(st.lists(st.tuples(SERVICE_IDS, CELL_TEXT.filter(lambda c: "\n" not in c), COMMENTS,
                          st.sampled_from(["", "Demo", "Panel 2"])), min_size=1, max_size=8),
       st.sampled_from([",", ";", "\t", "|"]), st.booleans())  # fmt: skip
def test_csv_rows_read_back_as_written(
    rows: list[tuple[str, str, list[str], str]], delimiter: str, windows: bool
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n" if windows else "\n")
    writer.writerow(["service", "link", "comments", "panel"])
    for sid, link, comments, panel in rows:
        writer.writerow([sid, link, "\n".join(comments), panel])
    lines = parse_mass_text(buffer.getvalue())
    assert [line.problem for line in lines] == [None] * len(rows)
    expected = [
        (sid, _non_empty({"link": link, "comments": "\n".join(comments)}), panel or None)
        for sid, link, comments, panel in rows
    ]
    assert [(m.service_id, dict(m.fields), m.panel) for m in lines] == expected


def _non_empty(fields: dict[str, str]) -> dict[str, str]:
    return {name: value for name, value in fields.items() if value}


A = "https://x.example/a"

# -- Perfect Panel lines -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"1|{A}|100", [(1, "1", {"link": A, "quantity": "100"}, None)]),
        (f"1;{A};100", [(1, "1", {"link": A, "quantity": "100"}, None)]),
        (f"1\t{A}\t100", [(1, "1", {"link": A, "quantity": "100"}, None)]),
        (f"1,{A}?a=1,2,100", [(1, "1", {"link": f"{A}?a=1,2", "quantity": "100"}, None)]),
        (f"1|{A}|b|100", [(1, "1", {"link": f"{A}|b", "quantity": "100"}, None)]),
        (" 7 | @someone | 1,000 ", [(1, "7", {"link": "@someone", "quantity": "1,000"}, None)]),
        ("12|https://x.example/pack", [(1, "12", {"link": "https://x.example/pack"}, None)]),
        ("12||", [(1, "12", {}, None)]),
        (f"|{A}|5", [(1, None, {"link": A, "quantity": "5"}, None)]),
        ("# customers\n\n   \n1|a|10\n  # done", [(4, "1", {"link": "a", "quantity": "10"}, None)]),
        ("1|a|10\r\n2|b|20\r3|c|30", [(1, "1", {"link": "a", "quantity": "10"}, None),
                                     (2, "2", {"link": "b", "quantity": "20"}, None),
                                     (3, "3", {"link": "c", "quantity": "30"}, None)]),
        ("\ufeff1|a|10", [(1, "1", {"link": "a", "quantity": "10"}, None)]),
        ("1|a|10\n\ufeff2|b|20", [(1, "1", {"link": "a", "quantity": "10"}, None),
                                  (2, "2", {"link": "b", "quantity": "20"}, None)]),
        ("1|a|1e9", [(1, "1", {"link": "a", "quantity": "1e9"}, None)]),
        ("1|=HYPERLINK(\"x\")|10", [(1, "1", {"link": '=HYPERLINK("x")', "quantity": "10"}, None)]),
        ("", []),
        ("\n\n# nothing\n", []),
    ],
)  # fmt: skip
def test_pipe_lines(
    text: str, expected: list[tuple[int, str | None, dict[str, str], None]]
) -> None:
    assert read(text) == expected
    assert all(line.problem is None for line in parse_mass_text(text))


def test_a_line_without_separators_is_a_problem_and_the_others_are_read() -> None:
    first, bad, last = parse_mass_text("1|a|10\njust some words\n2|b|20")
    assert (bad.number, bad.source, bad.problem) == (2, "just some words", PIPE_SHAPE)
    assert (first.service_id, last.service_id) == ("1", "2")


def test_the_source_is_the_line_as_written() -> None:
    [line] = parse_mass_text("  1 | https://x.example/a | 100  \r\n")
    assert line.source == "  1 | https://x.example/a | 100  "


# -- CSV -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("service,link,quantity\n1,https://x.example/a,100\n",
         [(2, "1", {"link": "https://x.example/a", "quantity": "100"}, None)]),
        ("Service ID;URL;Qty\r\n1;https://x.example/a;100\r\n",
         [(2, "1", {"link": "https://x.example/a", "quantity": "100"}, None)]),
        ("service\tlink\tquantity\tpanel\n1\tx\t5\tBackup panel\n2\ty\t6\t\n",
         [(2, "1", {"link": "x", "quantity": "5"}, "Backup panel"),
          (3, "2", {"link": "y", "quantity": "6"}, None)]),
        ("service|link|quantity\n1|x|5\n",
         [(2, "1", {"link": "x", "quantity": "5"}, None)]),
        ('service,link,comments\n4,x,"nice\r\ngreat\n\n wow "\n5,y,a|b| |c\n',
         [(2, "4", {"link": "x", "comments": "nice\ngreat\nwow"}, None),
          (6, "5", {"link": "y", "comments": "a\nb\nc"}, None)]),
        ('service|link|usernames\n4|x|"ann|bob"\n',
         [(2, "4", {"link": "x", "usernames": "ann\nbob"}, None)]),
        ("service,username,min,max,posts,delay,expiry\n9,@acc,10,20,5,30,31/12/2030\n",
         [(2, "9", {"username": "@acc", "min": "10", "max": "20", "posts": "5", "delay": "30",
                    "expiry": "31/12/2030"}, None)]),
        ("service,link,answer_number,runs,interval\n3,x,2,,\n",
         [(2, "3", {"link": "x", "answer_number": "2"}, None)]),
        ("\ufeff# exported\nservice,link,quantity\n\n#,skipped\n1,x,5\n,,\n",
         [(5, "1", {"link": "x", "quantity": "5"}, None)]),
        ("service,link,quantity\n,x,5\n", [(2, None, {"link": "x", "quantity": "5"}, None)]),
        ("service,link,quantity\n1,x\n", [(2, "1", {"link": "x"}, None)]),
        ("service,link,quantity,,\n1,x,5,,\n", [(2, "1", {"link": "x", "quantity": "5"}, None)]),
        ("link,quantity,service\n\"https://x.example/a,b\",5,1\n",
         [(2, "1", {"link": "https://x.example/a,b", "quantity": "5"}, None)]),
    ],
)  # fmt: skip
def test_csv(text: str, expected: list[tuple[int, str | None, dict[str, str], str | None]]) -> None:
    assert read(text) == expected
    assert all(line.problem is None for line in parse_mass_text(text))


def test_a_record_spanning_lines_is_numbered_by_its_first_line_and_keeps_its_text() -> None:
    [line] = parse_mass_text('service,link,comments\n4,x,"one\ntwo"\n')
    assert (line.number, line.source) == (2, '4,x,"one\ntwo"')


def test_unknown_and_repeated_columns_are_named_on_the_header_line() -> None:
    header, line = parse_mass_text("service,link,quantity,customer,link\n1,x,5,Ann,y\n")
    assert header.number == 1 and header.service_id is None
    assert header.problem is not None
    assert "'customer' are not order fields" in header.problem
    assert "'link' appear twice" in header.problem
    assert (line.service_id, dict(line.fields)) == ("1", {"link": "x", "quantity": "5"})


def test_a_header_without_a_service_column_says_so() -> None:
    header, line = parse_mass_text("link,quantity\nx,5\n")
    assert header.problem is not None and "no service column" in header.problem
    assert (line.service_id, dict(line.fields)) == (None, {"link": "x", "quantity": "5"})


def test_a_row_with_more_cells_than_the_header_is_a_problem() -> None:
    [line] = parse_mass_text("service,link,quantity\n1,x,5,oops\n")
    assert line.problem == "This line has 4 cells; the header names 3"
    assert line.source == "1,x,5,oops"


def test_an_unclosed_quote_is_named_instead_of_swallowing_the_rest_silently() -> None:
    lines = parse_mass_text('service,link,quantity\n1,"x,5\n2,y,6\n')
    assert [(line.number, line.problem) for line in lines] == [(2, UNCLOSED_QUOTE)]


def test_a_cell_beyond_the_csv_limit_is_a_problem_and_reading_goes_on() -> None:
    text = f"service,link,comments\n1,x,{'c' * 200_000}\n2,y,ok\n"
    bad, good = parse_mass_text(text)
    assert bad.number == 2 and bad.problem and "cannot be read" in bad.problem
    assert (good.number, good.service_id) == (3, "2")
    assert dict(good.fields) == {"link": "y", "comments": "ok"}


def test_a_link_with_a_newline_is_kept_as_written_for_the_check_to_refuse() -> None:
    [line] = parse_mass_text('service,link,quantity\n1,"https://x.example/a\nb",5\n')
    assert line.fields["link"] == "https://x.example/a\nb"


# -- size and files ------------------------------------------------------------------------


def test_more_lines_than_a_batch_takes_is_one_problem() -> None:
    assert len(parse_mass_text("1|a|10\r\n" * MAX_LINES)) == MAX_LINES
    [line] = parse_mass_text("1|a|10\r" * (MAX_LINES + 1))
    assert line.problem is not None and f"{MAX_LINES:,} lines" in line.problem


def test_a_huge_paste_is_one_problem_without_being_split() -> None:
    [line] = parse_mass_text("x" * (MAX_CHARS + 1))
    assert line.problem is not None and "characters" in line.problem


@pytest.mark.parametrize(
    ("data", "expected_link"),
    [
        ("1|café|10".encode(), "café"),
        ("\ufeff1|café|10".encode(), "café"),
        ("1|café|10".encode("utf-16"), "café"),
        ("1|café|10".encode("utf-16-be").join([b"\xfe\xff", b""]), "café"),
        ("1|café|10".encode("cp1252"), "café"),
        ("1|a€|10\r\n".encode("cp1252"), "a€"),
    ],
)
def test_files_are_decoded(tmp_path: Path, data: bytes, expected_link: str) -> None:
    path = tmp_path / "orders.txt"
    path.write_bytes(data)
    [line] = read_mass_file(path)
    assert (line.service_id, line.fields["link"], line.problem) == ("1", expected_link, None)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"1|a|10\x00",
        b"\x81\x8d\x8f\x90\x9d",
        b"\xff\xfe\x00",
    ],
)
def test_a_file_that_is_not_text_is_one_problem(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "orders.csv"
    path.write_bytes(data)
    assert read_mass_file(path) == [MassLine(1, "", None, problem=NOT_TEXT)]


def test_a_file_too_large_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mass_lines, "MAX_FILE_BYTES", 1024)
    path = tmp_path / "orders.csv"
    path.write_bytes(b"1|a|10\n" * 1000)
    [line] = read_mass_file(path)
    assert line.problem is not None and "Split it into smaller files" in line.problem


def test_a_missing_file_raises_for_the_caller_to_word(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_mass_file(tmp_path / "nowhere.csv")
