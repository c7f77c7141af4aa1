"""Encrypted .xls: cmrt's own RC4 decryption gives msoffcrypto's bytes exactly, and every file it does not
decrypt itself (odd, damaged, a wrong password) ends as it did when msoffcrypto decrypted everything."""

from __future__ import annotations

import hashlib
import io
import random
import struct
from collections.abc import Iterator

import msoffcrypto
import pytest
from conftest import needs_shared, real_files

import cmrt
from cmrt.testing import build_cmrt
from cmrt.testing.containers import DoesNotFit, biff_join, biff_records, workbook_stream, wrap_ole
from cmrt.testing.encrypted import encrypt_xls
from cmrt.testing.mutate import OPERATIONS, mutate
from cmrt.workbook import engines, ole, xls, xls_crypto
from cmrt.workbook.xls import has_filepass

DEFAULT = "VelvetSweatshop"
METHODS = [("cryptoapi", 128), ("cryptoapi", 40), ("cryptoapi", 56), ("rc4", 128)]


def msoffcrypto_decrypt(data: bytes, password: str = DEFAULT) -> bytes:
    office = msoffcrypto.OfficeFile(io.BytesIO(data))
    office.load_key(password=password)
    out = io.BytesIO()
    office.decrypt(out)
    return out.getvalue()


def fast(data: bytes, password: str = DEFAULT) -> bytes | None:
    decrypted = xls_crypto.decrypt(ole.Compound(data), [password])
    return None if decrypted is None else decrypted.data


def _encrypted_real_files() -> list:
    found = []
    for path in real_files("*.xls"):
        stream = ole.streams(path.read_bytes()).get("Workbook", b"")
        if has_filepass(stream):
            found.append(path)
    return found


@pytest.fixture(scope="module")
def plain_xls() -> bytes:
    return build_cmrt(version="3.01", fmt="xls", declaration={"company_name": "Locked Ltd."})


@needs_shared
@pytest.mark.parametrize("path", _encrypted_real_files(), ids=lambda p: p.name)
def test_every_encrypted_real_xls_decrypts_to_msoffcrypto_bytes(path) -> None:
    data = path.read_bytes()
    expected = msoffcrypto_decrypt(data)
    assert fast(data) == expected
    assert engines.decrypt(data, None).data == expected


@needs_shared
def test_the_real_encrypted_xls_hold_both_kinds_of_rc4() -> None:
    versions = {_filepass(ole.streams(p.read_bytes())["Workbook"])[2:6] for p in _encrypted_real_files()}
    assert versions == {b"\x01\x00\x01\x00", b"\x04\x00\x02\x00"}  # RC4 (Office 97/2000), RC4 CryptoAPI


def _filepass(stream: bytes) -> bytes:
    offset = 0
    while struct.unpack_from("<H", stream, offset)[0] != 0x002F:
        offset += 4 + struct.unpack_from("<H", stream, offset + 2)[0]
    return stream[offset + 4 : offset + 4 + struct.unpack_from("<H", stream, offset + 2)[0]]


@pytest.mark.parametrize(("method", "bits"), METHODS)
def test_a_built_encrypted_xls_decrypts_to_msoffcrypto_bytes_and_to_its_plain_records(
    plain_xls, method, bits
) -> None:
    data = encrypt_xls(plain_xls, method=method, key_bits=bits, seed=bits)
    decrypted = fast(data)
    assert decrypted is not None, "decrypted by cmrt itself, not left to msoffcrypto"
    assert decrypted == msoffcrypto_decrypt(data)
    # and to the records it was made of, FILEPASS written over with zeros (its size kept)
    records = biff_records(workbook_stream(decrypted))
    assert records[1] == (0, bytes(len(records[1][1])))

    def shape(records: list[tuple[int, bytes]]) -> list[tuple[int, bytes]]:  # sheet positions moved
        return [(kind, body[4:] if kind == 0x0085 else body) for kind, body in records if kind]

    assert shape(records) == shape(biff_records(workbook_stream(plain_xls)))
    report = cmrt.read(data)
    assert report.declaration.company_name == "Locked Ltd." and report.version == "3.01"


def test_an_encrypted_xls_is_not_handed_to_msoffcrypto_nor_an_xls_in_clear(plain_xls, monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("msoffcrypto was asked")

    monkeypatch.setattr(msoffcrypto, "OfficeFile", refuse)
    assert cmrt.read(plain_xls).declaration.company_name == "Locked Ltd."
    assert cmrt.read(encrypt_xls(plain_xls)).declaration.company_name == "Locked Ltd."
    assert cmrt.read(encrypt_xls(plain_xls, "s3cret"), password="s3cret").version == "3.01"


@pytest.mark.parametrize(("method", "bits"), METHODS[::3])
def test_wrong_passwords_are_a_password_error(plain_xls, method, bits) -> None:
    data = encrypt_xls(plain_xls, "s3cret", method=method, key_bits=bits)
    with pytest.raises(cmrt.PasswordError, match="neither Excel's default password"):
        cmrt.read(data)
    with pytest.raises(cmrt.PasswordError, match="neither the given password"):
        cmrt.read(data, password="not it")
    assert cmrt.read(data, password="s3cret").declaration.company_name == "Locked Ltd."


def _outcome(data: bytes, monkeypatch, own: bool) -> tuple:
    with monkeypatch.context() as patched:
        if not own:
            patched.setattr(xls_crypto, "decrypt", lambda compound, passwords: None)
        try:
            opened = engines.decrypt(data, None)
        except cmrt.CmrtError as exc:
            return ("error", type(exc).__name__, str(exc))
    return ("decrypted", opened.data, opened.is_xlsx)


@pytest.mark.parametrize("method", ["cryptoapi", "rc4"])
def test_damaged_encrypted_xls_end_as_they_did_with_msoffcrypto(plain_xls, method, monkeypatch) -> None:
    """Truncated, cut, flipped or rewritten files, damaged records, FILEPASS records of every kind: the
    same bytes or the same error either way. The one difference allowed: an OLE2 container that olefile
    (msoffcrypto's reader) refuses while cmrt's own checks find every chain sound (a directory tree it
    cannot follow, a DIFAT start it finds out of range) is now decrypted."""
    base = encrypt_xls(plain_xls, method=method)
    operations = ["bytes.truncate", "bytes.flip", "bytes.delete", "bytes.overwrite", "biff.length",
                  "biff.drop", "biff.repeat", "biff.garbage", "biff.filepass", "biff.continue",
                  "biff.sheet_offset", "ole.header", "ole.fat", "ole.directory"]  # fmt: skip
    compared = 0
    for operation in operations:
        for seed in range(8):
            try:
                data = mutate(base, operation, seed)
            except DoesNotFit:
                continue
            ours, theirs = _outcome(data, monkeypatch, True), _outcome(data, monkeypatch, False)
            compared += 1
            if operation.startswith("ole.") and ours[0] == "decrypted" and theirs[0] == "error":
                assert theirs[2].startswith("cannot decrypt"), (operation, seed, theirs)
                continue
            assert ours[:2] == theirs[:2] and ours[2] == theirs[2], (operation, seed, ours[:2], theirs[:2])
    assert compared > 80


def test_files_left_to_msoffcrypto(plain_xls) -> None:
    """What cmrt does not decrypt itself goes on to msoffcrypto: each of these gives ``None``."""
    data = encrypt_xls(plain_xls)
    filepass = _filepass(workbook_stream(data))
    assert xls_crypto._Key.from_filepass(filepass) is not None
    for where, value in ((0, 0), (2, 5), (4, 9), (30, 48)):
        # XOR obfuscation, an unknown version, an unknown minor version, a key of 48 bits
        damaged = filepass[:where] + struct.pack("<H", value) + filepass[where + 2 :]
        assert xls_crypto._Key.from_filepass(damaged) is None, (where, value)
    for cut in (5, 13, 45, len(filepass) - 1):
        assert xls_crypto._Key.from_filepass(filepass[:cut]) is None, cut
    assert fast(data, "not it") is None  # a wrong password: msoffcrypto says so, as it always did
    assert fast(plain_xls) is None  # nothing to decrypt


# --- RC4: OpenSSL's through ctypes where it is there and answers right, the cryptography package's else


@pytest.fixture(params=["openssl", "cryptography"])
def rc4_path(request, monkeypatch) -> str:
    """Each test that takes it runs with both RC4s: OpenSSL's (skipped where this Python's libcrypto has
    none) and the ``cryptography`` package's, forced."""
    if request.param == "openssl":
        if xls_crypto._openssl_rc4() is None:
            pytest.skip("this Python's libcrypto gives no usable RC4: only the fallback runs here")
    else:
        monkeypatch.setattr(xls_crypto, "_openssl_rc4", lambda: None)
    return request.param


def _cryptography_rc4(key: bytes, data: bytes) -> bytes:
    from cryptography.hazmat.decrepit.ciphers.algorithms import ARC4
    from cryptography.hazmat.primitives.ciphers import Cipher

    return Cipher(ARC4(key), mode=None).encryptor().update(data)


def _textbook_rc4(key: bytes, data: bytes) -> bytes:
    state, j = list(range(256)), 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def test_the_rc4_self_test_answers_are_rc4s() -> None:
    key, plain, cipher = xls_crypto._KNOWN_ANSWER
    assert _textbook_rc4(key, plain) == cipher
    block = _textbook_rc4(bytes(range(1, 17)), bytes(1024))
    assert block == _cryptography_rc4(bytes(range(1, 17)), bytes(1024))
    assert block.startswith(bytes.fromhex("9ac7cc9a609d1ef7b2932899cde41b97"))  # RFC 6229, offset 0
    assert hashlib.sha256(block).hexdigest() == xls_crypto._BLOCK_SHA256


def test_openssl_rc4_is_refused_when_it_fails_its_self_test_or_cannot_be_loaded(monkeypatch) -> None:
    import ctypes

    def fresh() -> object:
        xls_crypto._openssl_rc4.cache_clear()
        return xls_crypto._openssl_rc4()

    def missing(path: str) -> None:
        raise OSError(f"cannot load {path}")

    try:
        if fresh() is None:
            pytest.skip("this Python's libcrypto gives no usable RC4: nothing to refuse")
        key, plain, cipher = xls_crypto._KNOWN_ANSWER
        for name, value in (
            ("_KNOWN_ANSWER", (key, plain, bytes(len(cipher)))),  # a short answer that is not RC4's
            ("_BLOCK_SHA256", "0" * 64),  # a whole block that is not RC4's
        ):
            with monkeypatch.context() as patched:
                patched.setattr(xls_crypto, name, value)
                assert fresh() is None, name
        with monkeypatch.context() as patched:
            patched.setattr(ctypes, "PyDLL", missing)
            assert fresh() is None
    finally:
        xls_crypto._openssl_rc4.cache_clear()


def test_both_rc4s_decrypt_blocks_alike(rc4_path) -> None:
    data = bytes(range(256)) * 9 + b"tail"  # two whole blocks and a part
    keys = [bytes([n]) * 16 for n in range(3)]
    blocks = [data[:1024], data[1024:2048], data[2048:]]
    expected = b"".join(_cryptography_rc4(key, block) for key, block in zip(keys, blocks, strict=True))
    assert xls_crypto._rc4(data, iter(keys)) == expected
    assert xls_crypto._rc4(b"", iter(keys)) == b""


@pytest.mark.parametrize(("method", "bits"), METHODS)
def test_both_rc4s_give_msoffcrypto_bytes(plain_xls, rc4_path, method, bits) -> None:
    data = encrypt_xls(plain_xls, method=method, key_bits=bits, seed=bits + 1)
    assert fast(data) == msoffcrypto_decrypt(data)
    assert fast(data, "not it") is None


@needs_shared
def test_both_rc4s_give_msoffcrypto_bytes_for_the_real_files(rc4_path) -> None:
    for path in _encrypted_real_files()[::2]:
        data = path.read_bytes()
        assert fast(data) == msoffcrypto_decrypt(data), path.name


# --- the records checked in the walk that puts the headers back, exactly as check_records checks them


def _checked(run) -> tuple:  # type: ignore[no-untyped-def]
    try:
        return ("passed", run())
    except cmrt.CmrtError as exc:
        return ("error", type(exc).__name__, str(exc))


def _verdicts(data: bytes) -> tuple[tuple, tuple] | None:
    """What the decryption's walk found of an encrypted file's records, and what check_records finds of
    the decrypted stream; ``None`` where cmrt leaves the file to msoffcrypto."""
    twin = xls_crypto.decrypt(ole.Compound(data), [DEFAULT])
    if twin is None:
        return None
    stream = twin.streams["Workbook"]
    expected = _checked(lambda: xls.check_records(stream))
    if "Workbook" not in twin.checked:
        return ("not walked", None), expected
    error = twin.checked["Workbook"]
    found = ("passed", None) if error is None else ("error", type(error).__name__, str(error))
    return found, expected


@needs_shared
@pytest.mark.parametrize("path", _encrypted_real_files(), ids=lambda p: p.name)
def test_the_real_files_are_checked_as_they_are_decrypted(path, monkeypatch) -> None:
    data = path.read_bytes()
    assert _verdicts(data) == (("passed", None), ("passed", None))

    def refuse(stream: bytes) -> None:
        raise AssertionError("the records were walked a second time")

    monkeypatch.setattr(xls, "check_records", refuse)
    assert cmrt.read(data).version


def test_a_second_walk_is_saved_and_its_verdict_kept(plain_xls, monkeypatch) -> None:
    walks = []
    original = xls.check_records
    monkeypatch.setattr(xls, "check_records", lambda stream: walks.append(1) or original(stream))
    assert cmrt.read(encrypt_xls(plain_xls)).declaration.company_name == "Locked Ltd."
    assert walks == []
    with pytest.raises(cmrt.CorruptFileError, match="column 65,536"):  # found as it was decrypted
        cmrt.read(encrypt_xls(_edited(plain_xls, _far_cell)))
    assert walks == []
    with pytest.raises(cmrt.CorruptFileError, match="column 65,536"):  # the hidden cell: walked again
        cmrt.read(encrypt_xls(_sheet_hidden_in_a_record(plain_xls)))
    assert walks == [1]


def _edited(data: bytes, edit) -> bytes:  # type: ignore[no-untyped-def]
    records = biff_records(workbook_stream(data))
    edit(records)
    return wrap_ole(biff_join(records))


def _far_cell(records: list) -> None:
    index = next(i for i, (kind, _) in enumerate(records) if kind == 0x00FD)
    records[index] = (0x00FD, struct.pack("<HH", 0, 0xFFFF) + records[index][1][4:])


def _sheet_hidden_in_a_record(data: bytes) -> bytes:
    """A BOUNDSHEET pointing inside a LABEL whose text is a sheet with a cell at column 65,536."""
    records = biff_records(workbook_stream(data))
    hidden = (
        struct.pack("<HH", 0x0809, 16) + struct.pack("<HHHHII", 0x0600, 0x10, 0, 0, 0, 0)
        + struct.pack("<HHHHHd", 0x0203, 14, 1, 0xFFFF, 15, 1.0) + struct.pack("<HH", 0x000A, 0)
    )  # fmt: skip
    records.insert(len(records) - 1, (0x0204, struct.pack("<HHHHB", 0, 0, 15, len(hidden), 0) + hidden))
    before = sum(4 + len(body) for _, body in records[:-2])
    first = next(i for i, (kind, _) in enumerate(records) if kind == 0x0085)
    records[first] = (0x0085, struct.pack("<I", before + 4 + 9) + records[first][1][4:])
    return wrap_ole(biff_join(records))


def _tally(mutants: Iterator[tuple[str, bytes]]) -> dict[str, int]:
    """How the decryption's walk ended for each encrypted mutant, each of its verdicts checked against
    check_records's; the mutants cmrt leaves to msoffcrypto left out."""
    seen = {"passed": 0, "error": 0, "not walked": 0}
    for name, data in mutants:
        verdicts = _verdicts(data)
        if verdicts is not None:
            found, expected = verdicts
            seen[found[0]] += 1
            assert found[0] == "not walked" or found == expected, name
    return seen


def test_mutants_are_checked_as_check_records_checks_them(plain_xls) -> None:
    """Damaged records of every kind, encrypted: where the decryption's walk decides, it decides as
    check_records does on the decrypted stream (same error, same message); where it cannot stand for
    the engine's walk (a sheet offset inside a record), it leaves the file to check_records."""

    def mutants() -> Iterator[tuple[str, bytes]]:
        for operation in [op for op in OPERATIONS if op.startswith("biff.")]:
            for seed in range(12):
                try:
                    yield f"{operation} {seed}", encrypt_xls(mutate(plain_xls, operation, seed))
                except (DoesNotFit, ValueError, struct.error):
                    continue

    seen = _tally(mutants())
    assert seen["passed"] > 40 and seen["error"] > 10 and seen["not walked"] > 3, seen


@needs_shared
def test_mutants_of_real_files_are_checked_as_check_records_checks_them() -> None:
    operations = ("biff.cell_position", "biff.mul_range", "biff.dimensions", "biff.length", "biff.drop")
    plain = [(p.name, engines.decrypt(p.read_bytes(), None).data) for p in _encrypted_real_files()[::3]]
    seen = _tally(
        (f"{name} {operation}", encrypt_xls(mutate(data, operation, seed)))
        for name, data in plain
        for seed, operation in enumerate(operations)
    )
    assert seen["passed"] + seen["error"] >= 6, seen


def _random_sheet(rng: random.Random) -> list[tuple[int, bytes]]:
    """A sheet's records, sound or not: cells near and far, runs of cells whose sizes do or do not add
    up, DIMENSIONS of every size, FILEPASS records, cut records, with or without an EOF."""
    records: list[tuple[int, bytes]] = [(0x0809, bytes(16))]
    for _ in range(rng.randrange(12)):
        row = rng.choice((0, 3, 700, 15_999, 65_535, rng.randrange(65_536)))
        column = rng.choice((0, 2, 33, 100, 255) * 6 + (256, 65_535))
        pick = rng.random()
        if pick < 0.45:
            body = struct.pack("<HH", row, column) + rng.randbytes(rng.choice((2, 4, 6, 10)))
            records.append((rng.choice((0x00FD, 0x0203, 0x0006, 0x027E, 0x0201, 0x0204, 0x0002)), body))
        elif pick < 0.6:
            kind, width = rng.choice(((0x00BD, 6), (0x00BE, 2)))
            last = column + rng.choice((0, 1, 5, -1))
            size = 6 + width * (last - column + 1) + rng.choice((0, 0, 0, 2, -2))
            tail = bytes(max(0, size - 6)) + struct.pack("<H", last % 65_536)
            body = struct.pack("<HH", row, column) + tail
            records.append((kind, body[: max(0, size)] if size < 6 else body))
        elif pick < 0.7:
            rows = sorted(rng.choice((0, 10, 2_000, 65_536) * 3 + (70_000, 1 << 31)) for _ in range(2))
            columns = sorted(rng.choice((0, 12, 256) * 3 + (257, 4_000)) for _ in range(2))
            short = struct.pack("<HHHHH", *rows, *columns, 0) if rows[1] < 65_536 else bytes(10)
            body = rng.choice((struct.pack("<IIHHH", *rows, *columns, 0), short, bytes(4)))
            records.append((0x0200, body[::-1] if rng.random() < 0.1 else body))
        elif pick < 0.75:
            records.append((0x002F, bytes(rng.choice((0, 6, 54)))))
        elif pick < 0.8:
            records.append((0x00FD, rng.randbytes(rng.randrange(4))))  # a cell too short for its position
        else:
            kind = rng.choice((0x0208, 0x0207, 0x00E5, 0x1234, 0))  # ROW, STRING, MERGEDCELLS, ...
            records.append((kind, rng.randbytes(rng.randrange(20))))
    if rng.random() < 0.9:
        records.append((0x000A, b""))
    return records


def _random_workbook(rng: random.Random) -> bytes:
    """A workbook stream whose sheets' offsets mostly fall where the sheets begin, and otherwise inside
    another sheet, inside the globals, inside a record, or past the end; records nobody reads between
    the sheets."""
    head = [(0x0809, bytes(16)), (0x00E1, bytes(2))] + [(0x0085, bytes(8))] * rng.randrange(6)
    if rng.random() < 0.2:
        head.insert(rng.randrange(1, len(head) + 1), (0x002F, bytes(rng.choice((6, 54)))))
    head += [(0x000A, b"")] if rng.random() < 0.95 else []
    layout, sheet_starts = list(head), []
    for _ in range(rng.randrange(5)):
        if rng.random() < 0.3:
            layout += _random_sheet(rng)[1:3]  # a stray record or two, outside any sheet
        sheet_starts.append(len(layout))
        layout += _random_sheet(rng)
    boundaries = [sum(4 + len(body) for _, body in layout[:index]) for index in range(len(layout))]
    stream = bytearray(biff_join(layout))
    for index in [i for i, (kind, _) in enumerate(head) if kind == 0x0085]:
        aligned = [boundaries[i] for i in sheet_starts] * 6
        elsewhere = [rng.choice(boundaries), rng.randrange(len(stream) + 8), len(stream) + 3]
        target = rng.choice(aligned + elsewhere)
        struct.pack_into("<I", stream, boundaries[index] + 4, target)
    if rng.random() < 0.05:
        stream += rng.randbytes(rng.randrange(1, 4))  # a stream that ends mid-header
    return bytes(stream)


def test_random_workbooks_are_checked_as_check_records_checks_them() -> None:
    """restore_and_check, given the stream with its bodies encrypted (headers in clear) and the stream
    decrypted whole (headers scrambled), decides as check_records does on the finished stream (its
    FILEPASS records zeroed), puts every header back, and lists the records kept in clear; or it
    declines, where a sheet's offset is not where the records of the linear walk begin."""
    rng = random.Random(20260412)
    seen = {"passed": 0, "CorruptFileError": 0, "UnsafeFileError": 0, "declined": 0, "not whole": 0}
    for _ in range(3_000):
        stream = _random_workbook(rng)
        headers, offset = [], 0
        while offset + 4 <= len(stream):
            headers.append((offset, *struct.unpack_from("<HH", stream, offset)))
            offset += 4 + headers[-1][2]
        if offset != len(stream):  # decrypt_stream leaves such a stream to msoffcrypto, whatever it finds
            seen["not whole"] += 1
            continue
        in_clear = bytearray(len(stream))  # the bytes the encrypted stream holds in clear: 0xFF
        finished = bytearray(stream)  # and the stream once decrypted, FILEPASS written over
        for at, kind, length in headers:
            clear = 8 if kind == 0x0085 and length >= 4 else 4  # a header, and a sheet's position
            in_clear[at : at + clear] = b"\xff" * clear
            if kind == 0x002F:
                finished[at : at + 4 + length] = struct.pack("<HH", 0, length) + bytes(length)
        pad = rng.randbytes(len(stream))
        encrypted = bytes(s ^ (p & ~c & 0xFF) for s, p, c in zip(stream, pad, in_clear, strict=True))
        plain = bytearray(s ^ (p & c) for s, p, c in zip(stream, pad, in_clear, strict=True))
        expected = _checked(lambda: xls.check_records(bytes(finished)))  # noqa: B023
        try:
            kept = xls.restore_and_check(encrypted, plain, xls_crypto._SPECIAL)
        except cmrt.CmrtError as exc:
            assert expected == ("error", type(exc).__name__, str(exc)), stream.hex()
            seen[type(exc).__name__] += 1
            continue
        if kept is None:
            seen["declined"] += 1
            continue
        assert expected == ("passed", None), stream.hex()
        assert kept == [h for h in headers if h[1] in xls_crypto._SPECIAL]
        for at, _, _ in headers:
            assert plain[at : at + 4] == stream[at : at + 4]
        seen["passed"] += 1

    assert min(seen.values()) > 40, seen


def _fragmented(data: bytes) -> bytes:
    """The OLE2 file with its Workbook stream's sectors laid out in reverse order (as in a CFSI 3.01
    template, whose stream lies in 39 runs out of order), its FAT chain and directory entry to match."""
    compound = ole.Compound(data)
    size, chain = compound.sector_size, compound._chains["Workbook"]
    out = bytearray(data)
    placed = chain[::-1]
    for sector, at in zip(chain, placed, strict=True):
        out[(at + 1) * size : (at + 2) * size] = data[(sector + 1) * size : (sector + 2) * size]
    fat_sectors = [n for n in struct.unpack_from("<109I", data, 0x4C) if n < 0xFFFFFFFA]
    entries = size // 4
    for here, following in zip(placed, [*placed[1:], 0xFFFFFFFE], strict=True):
        struct.pack_into("<I", out, (fat_sectors[here // entries] + 1) * size + here % entries * 4, following)
    directory = out.find("Workbook".encode("utf-16-le"), 512)
    struct.pack_into("<I", out, directory + 0x74, placed[0])
    return bytes(out)


def test_a_stream_in_runs_out_of_order_is_written_back_in_place(plain_xls) -> None:
    data = encrypt_xls(plain_xls)
    fragmented = _fragmented(data)
    assert len(ole.runs(ole.Compound(fragmented)._chains["Workbook"])) > 1
    assert ole.streams(fragmented) == ole.streams(data)
    assert fast(fragmented) == msoffcrypto_decrypt(fragmented) != msoffcrypto_decrypt(data)
