"""Encrypted .xls workbooks made from cmrt's own: RC4 CryptoAPI and RC4, as Excel writes them.

Every CFSI 3.x and EICC 2.x template ships encrypted with Excel's default password ("VelvetSweatshop"),
and msoffcrypto-tool only decrypts .xls files. :func:`encrypt_xls` does what Excel does, written from
[MS-XLS] 2.2.10 and [MS-OFFCRYPTO] 2.3.5 and 2.3.6, independently of ``cmrt.workbook.xls_crypto`` (the
tests check the two, and msoffcrypto, against each other): a FILEPASS record goes in after the first BOF,
each BOUNDSHEET's stream position moves past it, and every byte of the stream is XORed with the RC4
keystream of its 1,024-byte block, except record headers, the bodies of the records that stay in clear
and each BOUNDSHEET's position.
"""

from __future__ import annotations

import hashlib
import random
import struct
from collections.abc import Callable

from cmrt.testing.containers import biff_join, biff_records, workbook_stream, wrap_ole

__all__ = ["encrypt_xls"]

DEFAULT_PASSWORD = "VelvetSweatshop"
_BOF, _FILEPASS, _BOUNDSHEET = 0x0809, 0x002F, 0x0085
_IN_CLEAR = (_BOF, _FILEPASS, 0x0194, 0x0195, 0x00E1, 0x0196, 0x0138)
_PROVIDER = "Microsoft Enhanced Cryptographic Provider v1.0\0".encode("utf-16-le")


def encrypt_xls(
    data: bytes, password: str = DEFAULT_PASSWORD, *, method: str = "cryptoapi", key_bits: int = 128,
    seed: int = 0,
) -> bytes:  # fmt: skip
    """An .xls (cmrt's builder's, in an OLE2 container) encrypted with ``password``.

    ``method`` is ``"cryptoapi"`` (RC4 CryptoAPI, Excel 2002 and later; ``key_bits`` 40 to 128) or
    ``"rc4"`` (Office 97/2000 RC4, always 128 bits); ``seed`` makes the salt and verifier.
    """
    stream = workbook_stream(data)
    if stream is None:
        raise ValueError("not an .xls: no Workbook stream")
    rng = random.Random(seed)
    salt, verifier = rng.randbytes(16), rng.randbytes(16)
    secret = password.encode("utf-16-le")
    if method == "rc4":
        base = hashlib.md5((hashlib.md5(secret).digest()[:5] + salt) * 16).digest()[:5]

        def key(block: int) -> bytes:
            return hashlib.md5(base + struct.pack("<I", block)).digest()

        sealed = _rc4(key(0), verifier + hashlib.md5(verifier).digest())
        filepass = struct.pack("<HHH", 1, 1, 1) + salt + sealed
    elif method == "cryptoapi":
        base = hashlib.sha1(salt + secret).digest()

        def key(block: int) -> bytes:
            digest = hashlib.sha1(base + struct.pack("<I", block)).digest()
            return digest[:5] + bytes(11) if key_bits == 40 else digest[: key_bits // 8]

        sealed = _rc4(key(0), verifier + hashlib.sha1(verifier).digest())
        header = struct.pack("<8I", 0x0C, 0, 0x6801, 0x8004, key_bits, 1, 0, 0) + _PROVIDER
        filepass = (
            struct.pack("<HHHII", 1, 4, 2, 0x0C, len(header)) + header
            + struct.pack("<I", 16) + salt + sealed[:16] + struct.pack("<I", 20) + sealed[16:]
        )  # fmt: skip
    else:
        raise ValueError(f"unknown method {method!r}: 'cryptoapi' or 'rc4'")
    return wrap_ole(_encrypted(_with_filepass(stream, filepass), key))


def _with_filepass(stream: bytes, filepass: bytes) -> bytes:
    """The stream with FILEPASS after its first record, each sheet's position moved past it.

    Whole records only, a multiple of four bytes long: xlwt pads the stream it wraps to a multiple of
    4,096 bytes with zeros, which must read as empty records, as the padding of Excel's own files does.
    """
    records = biff_records(stream)
    records.insert(1, (_FILEPASS, filepass))
    shift = 4 + len(filepass)
    for index, (kind, body) in enumerate(records):
        if kind == _BOUNDSHEET:
            position = struct.unpack_from("<I", body)[0] + shift
            records[index] = (kind, struct.pack("<I", position) + body[4:])
    joined = biff_join(records)
    return joined + biff_join([(0, bytes(-len(joined) % 4))]) if len(joined) % 4 else joined


def _encrypted(stream: bytes, key: Callable[[int], bytes]) -> bytes:
    """Every byte that is not in clear XORed with its block's keystream."""
    keystream = b"".join(_rc4(key(n), bytes(1024)) for n in range(-(-len(stream) // 1024)))
    mask = bytearray(len(stream))  # 0xFF where a byte is encrypted
    offset = 0
    while offset + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, offset)
        body = offset + 4
        if kind not in _IN_CLEAR:
            start, end = body + 4 if kind == _BOUNDSHEET else body, min(body + length, len(stream))
            mask[start:end] = b"\xff" * max(0, end - start)
        offset = body + length
    size = len(stream)
    plain, pad, keep = (int.from_bytes(b, "little") for b in (stream, keystream[:size], bytes(mask)))
    return (plain ^ (pad & keep)).to_bytes(size, "little")


def _rc4(key: bytes, data: bytes) -> bytes:
    try:
        from cryptography.hazmat.decrepit.ciphers.algorithms import ARC4
    except ImportError:  # pragma: no cover - older cryptography
        from cryptography.hazmat.primitives.ciphers.algorithms import ARC4  # type: ignore[no-redef]
    from cryptography.hazmat.primitives.ciphers import Cipher

    return Cipher(ARC4(key), mode=None).encryptor().update(data)
