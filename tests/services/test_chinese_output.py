"""No English reaches the user in what the app writes: file names, PDF text, workbook cells.

Every stage of the demo year is exported as the accountant does it (package, forms, cover sheet),
with the key registration sheet, the fill-in workbook and the disclosure sheet, into one
folder; then the names of the files written there, the text of every PDF (read back with
poppler) and every visible cell of every workbook are scanned for English words
(``tests/chinese.py`` says what is allowed).
"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from tests.chinese import english_in, english_words
from tests.forms.pdfread import needs_poppler, text
from unionperf.domain.validation.checks import active_stages
from unionperf.services.common import signing
from unionperf.services.cycle import disclosure, fillin, forms, submit
from unionperf.services.cycle.demo import create_demo
from unionperf.services.cycle.key_sheet import write_key_sheet

YEAR = 2024
PASSPHRASE = "demo"
KEY_TEXTS = "key-texts.txt"


_KEY_RUN = re.compile(r"[A-Za-z0-9+/]{4,}")
"""A run of base64 characters: a piece of a printed key once wrapped, beside its label or not."""


def _without_key_pieces(line: str, keys: str) -> str:
    """``line`` without the pieces of the printed public key and age recipient.

    A wrapped piece of a random base64 key may read as a word with no digit in it (about one
    key in a hundred): it is the key, not English — also when the text extraction glues it to
    the label before it (``钥=RWSRTodm…``).
    """
    kept = _KEY_RUN.sub(lambda run: "" if run.group() in keys else run.group(), line)
    return " ".join(kept.split())


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder holding everything the demo year's accountant writes for the upper level."""
    root = tmp_path_factory.mktemp("chinese")
    workspace = create_demo(root / "demo", passphrase=PASSPHRASE)
    out = root / "usb"
    try:
        data = workspace.load_year(YEAR)
        for stage in (item.name for item in active_stages(data)):
            submit.export_package(workspace, YEAR, stage, out, PASSPHRASE)
            forms.write_forms(workspace, YEAR, stage, out)
        forms.write_forms(workspace, YEAR, None, out)
        key = signing.key_info(workspace)
        write_key_sheet(key, workspace.unit(), out)
        # beside the folder scanned: the key sheet prints these random texts, wrapped anywhere
        (root / KEY_TEXTS).write_text(
            "\n".join((key.public_key.strip().splitlines()[-1], key.recipient)), encoding="utf-8"
        )
        fillin.export_template(workspace, YEAR, out)
        disclosure.write_disclosure(workspace, YEAR, out)
    finally:
        workspace.close()
    return out


def test_every_file_written_for_the_user_has_a_chinese_name(written: Path) -> None:
    names = sorted(path.name for path in written.iterdir())
    assert len(names) > 10
    assert english_in((name, name) for name in names) == []


@needs_poppler
def test_no_pdf_written_for_the_user_holds_english(written: Path) -> None:
    pdfs = sorted(written.glob("*.pdf"))
    assert len(pdfs) > 5
    keys = (written.parent / KEY_TEXTS).read_text(encoding="utf-8")
    found = [
        f"{path.name} line {number}: {line.strip()!r} → {words}"
        for path in pdfs
        for number, line in enumerate(text(path).splitlines(), start=1)
        if (words := english_words(_without_key_pieces(line, keys)))
    ]
    assert found == []


def test_no_visible_workbook_cell_holds_english(written: Path) -> None:
    books = sorted(written.glob("*.xlsx"))
    assert len(books) >= 2  # the forms workbooks and the fill-in workbook
    texts: list[tuple[str, str]] = []
    for path in books:
        book = openpyxl.load_workbook(path)
        for sheet in book.worksheets:
            texts.append((f"{path.name} sheet name", sheet.title))
            if sheet.sheet_state != "visible":
                continue
            hidden = {
                get_column_letter(number)
                for column in sheet.column_dimensions.values()
                if column.hidden
                for number in range(column.min, column.max + 1)
            }
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and cell.column_letter not in hidden:
                        texts.append((f"{path.name} {sheet.title}!{cell.coordinate}", cell.value))
    assert english_in(texts) == []


def test_only_pieces_of_the_printed_keys_are_left_out() -> None:
    keys = "RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3\nage1abc"
    assert _without_key_pieces("/MukTT 公钥 RWQf6LRCGA9i53ml YecO4IzT", keys) == "/MukTT 公钥"
    assert english_words(_without_key_pieces("Public key RWQf6LRCGA9i53ml", keys)) == [
        "Public",
        "key",
    ]
    glued = "钥=RWQf6LRCGA9i53mlYecO4IzT"  # the label's last character glued to the piece
    assert english_words(_without_key_pieces(glued, keys)) == []
    assert _without_key_pieces(glued, keys) == "钥="
