"""Encrypted .xls (BIFF8, RC4 and RC4 CryptoAPI) decrypted at C speed, byte for byte as msoffcrypto does.

Every CFSI 3.x and EICC 2.x template ships "encrypted" with Excel's default password. msoffcrypto-tool
decrypts such a workbook stream one byte at a time in Python (about 0.3 s for a 2.4 MB template); here
the stream is decrypted in 1,024-byte blocks by the ``cryptography`` package's RC4 (a dependency of
msoffcrypto-tool), and the bytes that are not encrypted are put back one record at a time.

What is encrypted follows [MS-XLS] 2.2.10 and msoffcrypto's ``xls97`` module, whose output this matches
byte for byte (``tests/test_xls_crypto.py``):

- the RC4 key is rekeyed every 1,024 bytes of the stream: block ``n`` uses the key derived from the
  password, the salt and ``n`` ([MS-OFFCRYPTO] 2.3.6.2 for RC4, 2.3.5.2 for RC4 CryptoAPI), and the
  keystream runs over every byte of the stream, record headers included;
- record headers (type and size) are never encrypted, nor are the bodies of BOF, FILEPASS, USREXCL,
  FILELOCK, INTERFACEHDR, RRDINFO and RRDHEAD, nor the stream position (``lbPlyPos``, the first four bytes)
  of each BOUNDSHEET;
- the FILEPASS record itself is written back as zeros (its type too), its size kept, so that the
  decrypted workbook no longer claims to be encrypted;
- the decrypted stream goes back into the OLE2 file in place of the encrypted one, as olefile writes it.

Only what is plainly one of these is decrypted here: :func:`decrypt` returns ``None`` for anything else
(XOR obfuscation, another version, a FILEPASS too short for its fields, a key size RC4 refuses, records
that run past the end of the stream, a stream in the mini stream, a password that does not verify), and
the caller asks msoffcrypto, which decides those cases exactly as it always did. The one difference: an
OLE2 container that olefile (msoffcrypto's reader) refuses although cmrt's own walk of it
(:class:`~cmrt.workbook.ole.Compound`) found every chain sound, such as a directory tree olefile cannot
follow, is decrypted now rather than refused.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterable
from typing import Any

from cmrt.workbook.ole import Compound

__all__ = ["decrypt"]

_BLOCK = 1024
_BOF, _FILEPASS, _BOUNDSHEET = 0x0809, 0x002F, 0x0085
_IN_CLEAR = frozenset({_BOF, _FILEPASS, 0x0194, 0x0195, 0x00E1, 0x0196, 0x0138})
"""BOF, FILEPASS, USREXCL, FILELOCK, INTERFACEHDR, RRDINFO, RRDHEAD: bodies never encrypted."""
_SPECIAL = _IN_CLEAR | {_BOUNDSHEET}
_HEADER = struct.Struct("<HH")
_RC4_KEY_BITS = frozenset({40, 56, 64, 80, 128, 160})
"""Key sizes the cryptography package's RC4 accepts that a SHA-1 or MD5 digest can give."""


def _arc4() -> type:
    try:  # cryptography 43 and later keep RC4 among the "decrepit" ciphers
        from cryptography.hazmat.decrepit.ciphers.algorithms import ARC4
    except ImportError:  # pragma: no cover - older cryptography
        from cryptography.hazmat.primitives.ciphers.algorithms import ARC4  # type: ignore[no-redef]
    return ARC4  # type: ignore[no-any-return]


class _Key:
    """What a FILEPASS record says about the encryption, and the keys a password derives from it."""

    def __init__(self, crypto_api: bool, salt: bytes, verifier: bytes, hashed: bytes, bits: int) -> None:
        self.crypto_api = crypto_api
        self.salt = salt
        self.verifier = verifier
        self.verifier_hash = hashed
        self.bits = bits
        self._base = b""

    @classmethod
    def from_filepass(cls, body: bytes) -> _Key | None:
        """The encryption a FILEPASS body declares, if it is RC4 or RC4 CryptoAPI with all its fields."""
        if len(body) < 6:
            return None
        kind, major, minor = struct.unpack_from("<HHH", body)
        if kind != 1:
            return None  # XOR obfuscation, or no encryption msoffcrypto knows
        if (major, minor) == (1, 1) and len(body) >= 54:  # [MS-OFFCRYPTO] 2.3.6.1
            return cls(False, body[6:22], body[22:38], body[38:54], 128)
        if major not in (2, 3, 4) or minor != 2 or len(body) < 14:  # [MS-OFFCRYPTO] 2.3.5.1
            return None
        header_size = struct.unpack_from("<I", body, 10)[0]
        verifier = 14 + header_size  # EncryptionVerifier: salt size, salt, verifier, hash size, hash
        if header_size < 32 or len(body) < verifier + 60:
            return None
        try:  # msoffcrypto reads the provider's name, and fails on one that is not UTF-16
            body[14 + 32 : verifier].decode("utf-16-le")
        except UnicodeDecodeError:
            return None
        bits = struct.unpack_from("<I", body, 14 + 16)[0] or 40
        length = 16 if bits == 40 else min(bits // 8, 20)
        if length * 8 not in _RC4_KEY_BITS:
            return None
        v = verifier + 4
        return cls(True, body[v : v + 16], body[v + 16 : v + 32], body[v + 36 : v + 56], bits)

    def opens(self, password: str) -> bool:
        """Whether ``password`` is the one (the verifier decrypts to what its hash says); keeps its key."""
        secret = password.encode("utf-16-le")
        if self.crypto_api:
            self._base = hashlib.sha1(self.salt + secret).digest()
        else:
            self._base = hashlib.md5((hashlib.md5(secret).digest()[:5] + self.salt) * 16).digest()[:5]
        decryptor = self._cipher(0)
        verifier = decryptor.update(self.verifier)
        found = decryptor.update(self.verifier_hash)
        digest = hashlib.sha1(verifier) if self.crypto_api else hashlib.md5(verifier)
        return digest.digest() == found

    def _cipher(self, block: int) -> Any:
        from cryptography.hazmat.primitives.ciphers import Cipher

        return Cipher(_arc4()(self._key(block)), mode=None).decryptor()

    def _key(self, block: int) -> bytes:
        if not self.crypto_api:
            return hashlib.md5(self._base + struct.pack("<I", block)).digest()
        digest = hashlib.sha1(self._base + struct.pack("<I", block)).digest()
        return digest[:5] + bytes(11) if self.bits == 40 else digest[: self.bits // 8]

    def decrypt(self, stream: bytes) -> bytearray:
        """Every byte of ``stream`` decrypted, each 1,024-byte block with its own key."""
        from cryptography.hazmat.primitives.ciphers import Cipher

        arc4, key, view = _arc4(), self._key, memoryview(stream)
        return bytearray().join(
            Cipher(arc4(key(n)), mode=None).decryptor().update(view[start : start + _BLOCK])
            for n, start in enumerate(range(0, len(stream), _BLOCK))
        )


def _filepass(stream: bytes) -> bytes | None:
    """The first FILEPASS body after the leading BOF, as msoffcrypto finds it; ``None`` if there is none
    in the first records or the stream does not begin with a BOF."""
    if len(stream) < 4 or _HEADER.unpack_from(stream)[0] != _BOF:
        return None
    offset = 0
    for _ in range(64):
        if offset + 4 > len(stream):
            return None
        kind, length = _HEADER.unpack_from(stream, offset)
        if kind == _FILEPASS and offset:
            return stream[offset + 4 : offset + 4 + length]
        offset += 4 + length
    return None


def decrypt_stream(stream: bytes, key: _Key) -> bytes | None:
    """The workbook stream decrypted with an opened key; ``None`` where a record runs past the end of
    the stream or a BOUNDSHEET is too short for its position (msoffcrypto has its own ways with those)."""
    out = key.decrypt(stream)
    unpack, put, end = _HEADER.unpack_from, _HEADER.pack_into, len(stream)
    special: list[tuple[int, int, int]] = []
    offset = 0
    while offset + 4 <= end:  # one pass, headers put back as read: no Python loop per byte
        kind, length = unpack(stream, offset)
        put(out, offset, kind, length)
        if kind in _SPECIAL:
            special.append((offset, kind, length))
        offset += 4 + length
    if offset != end:
        return None
    for offset, kind, length in special:
        body = offset + 4
        if kind == _FILEPASS:
            out[offset : body + length] = b"\0\0" + struct.pack("<H", length) + bytes(length)
        elif kind == _BOUNDSHEET:
            if length < 4:
                return None
            out[body : body + 4] = stream[body : body + 4]
        else:
            out[body : body + length] = stream[body : body + length]
    return bytes(out)


def decrypt(compound: Compound, passwords: Iterable[str]) -> Compound | None:
    """The OLE2 file with its ``Workbook`` stream decrypted by the first of ``passwords`` that opens it.

    ``None`` for whatever this module does not decrypt itself (module docstring), a wrong password
    included: the caller then asks msoffcrypto, which answers as it always did.
    """
    stream = compound.streams.get("Workbook")
    if stream is None or any(compound.named(n) for n in ("EncryptionInfo", "WordDocument")):
        return None
    body = _filepass(stream)
    key = _Key.from_filepass(body) if body is not None else None
    if key is None or not any(key.opens(p) for p in passwords):
        return None
    plain = decrypt_stream(stream, key)
    return None if plain is None else compound.rewritten("Workbook", plain)
