"""Bad input gets one clear CmrtError, never a bare traceback, and nothing is ever written."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from msoffcrypto.format.ooxml import OOXMLFile

import cmrt
from cmrt.testing import build_cmrt


def encrypt(data: bytes, password: str) -> bytes:
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt(password, out)
    return out.getvalue()


def test_not_an_excel_file() -> None:
    with pytest.raises(cmrt.NotExcelError, match="not an Excel workbook"):
        cmrt.read(b"%PDF-1.7 this is a pdf")
    with pytest.raises(cmrt.NotExcelError, match="empty"):
        cmrt.read(b"")


def test_directory_and_missing_file(tmp_path) -> None:
    with pytest.raises(cmrt.NotExcelError, match="directory"):
        cmrt.read(tmp_path)
    with pytest.raises(FileNotFoundError):
        cmrt.read(tmp_path / "missing.xlsx")


def test_truncated_workbook_is_corrupt() -> None:
    data = build_cmrt()
    with pytest.raises(cmrt.CorruptFileError):
        cmrt.read(data[: len(data) // 2])


def test_excel_file_that_is_not_a_template() -> None:
    book = openpyxl.Workbook()
    book.active["A1"] = "quarterly numbers"
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(cmrt.NotTemplateError, match="no 'Declaration' sheet") as caught:
        cmrt.read(buffer.getvalue())
    assert not isinstance(caught.value, cmrt.WrongTemplateError)


def test_password_protected_with_the_right_and_a_wrong_password() -> None:
    secret = encrypt(build_cmrt(declaration={"company_name": "Locked Ltd."}), "s3cret")
    assert cmrt.read(secret, password="s3cret").declaration.company_name == "Locked Ltd."
    with pytest.raises(cmrt.PasswordError, match="neither the given password"):
        cmrt.read(secret, password="guess")
    with pytest.raises(cmrt.PasswordError):
        cmrt.read(secret)


def test_excel_default_password_opens_without_asking() -> None:
    protected = encrypt(build_cmrt(declaration={"company_name": "Velvet Ltd."}), "VelvetSweatshop")
    assert cmrt.read(protected).declaration.company_name == "Velvet Ltd."


def _rezip(data: bytes, extra: dict[str, bytes] | None = None, patch: tuple[str, bytes] | None = None):
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info)
            if patch and info.filename == patch[0]:
                body = patch[1] + body
            target.writestr(info.filename, body)
        for name, body in (extra or {}).items():
            target.writestr(name, body)
    return out.getvalue()


def test_xml_entity_attack_is_refused() -> None:
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    data = _rezip(
        build_cmrt(),
        patch=("xl/workbook.xml", bomb),
    )
    with pytest.raises(cmrt.UnsafeFileError, match="DTD"):
        cmrt.read(data)


def test_decompression_bomb_is_refused() -> None:
    data = _rezip(build_cmrt(), extra={"xl/media/padding.bin": b"\0" * (50 * 1024 * 1024)})
    assert len(data) < 1024 * 1024
    with pytest.raises(cmrt.UnsafeFileError, match="bomb"):
        cmrt.read(data)


def test_file_object_and_path_sources(tmp_path) -> None:
    data = build_cmrt(declaration={"company_name": "Source Test"})
    path = tmp_path / "supplier.xlsx"
    path.write_bytes(data)
    assert cmrt.read(io.BytesIO(data)).declaration.company_name == "Source Test"
    report = cmrt.read(str(path))
    assert report.source == "supplier.xlsx"
    with path.open("rb") as handle:
        assert cmrt.read(handle).source == "supplier.xlsx"
    with pytest.raises(TypeError):
        cmrt.read(12345)  # type: ignore[arg-type]


def test_every_error_is_a_cmrt_error() -> None:
    for kind in (cmrt.NotExcelError, cmrt.NotTemplateError, cmrt.WrongTemplateError, cmrt.PasswordError,
                 cmrt.CorruptFileError, cmrt.UnsafeFileError):  # fmt: skip
        assert issubclass(kind, cmrt.CmrtError)


def test_reading_never_writes(tmp_path) -> None:
    path = tmp_path / "supplier.xlsx"
    path.write_bytes(build_cmrt())
    before = (path.read_bytes(), path.stat().st_mtime_ns, sorted(tmp_path.iterdir()))
    cmrt.read(path)
    assert before == (path.read_bytes(), path.stat().st_mtime_ns, sorted(tmp_path.iterdir()))
