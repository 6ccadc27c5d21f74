"""A request workbook opens in a real spreadsheet program: LibreOffice, headless,
prints it to PDF and saves it again as .xlsx, and what it saved still carries the
identity, the validation and the protection that msc wrote."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from helpers import MakeP, msc, require
from msctool.render.collect.identity import read_identity

DAY = "2027-01-10"


def soffice(tmp_path: Path, target: str, source: Path) -> Path:
    """``source`` converted to ``target`` (pdf, xlsx) by LibreOffice; the new file."""
    program = shutil.which("soffice")
    require(program is not None, "LibreOffice (soffice)")
    assert program is not None
    out = tmp_path / target
    done = subprocess.run(
        [program, "--headless", "--norestore",
         f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
         "--convert-to", target, "--outdir", str(out), str(source)],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return out / f"{source.stem}.{target}"


@pytest.fixture
def request_file(make_partnership: MakeP) -> Path:
    root = make_partnership()
    result = msc("collect", "requests", "-C", str(root), "--as-of", DAY)
    assert result.exit_code == 0, result.output
    return root / "requests" / DAY / f"city-{DAY}.xlsx"


def test_libreoffice_prints_the_request(request_file: Path, tmp_path: Path) -> None:
    pdf = soffice(tmp_path, "pdf", request_file)
    assert pdf.read_bytes().startswith(b"%PDF-")


def test_what_libreoffice_saves_keeps_identity_validation_and_protection(
    request_file: Path, tmp_path: Path
) -> None:
    saved = soffice(tmp_path, "xlsx", request_file)
    book = openpyxl.load_workbook(saved)
    assert read_identity(book) == read_identity(openpyxl.load_workbook(request_file))
    assert book["msc"].sheet_state != "visible"
    sheet = book.worksheets[0]
    assert sheet.protection.sheet
    unlocked = {
        c.column_letter for row in sheet.iter_rows() for c in row if not c.protection.locked
    }
    assert unlocked == {"F", "G"}
    kinds = {v.type for v in sheet.data_validations.dataValidation}
    assert kinds == {"decimal", "date"}
