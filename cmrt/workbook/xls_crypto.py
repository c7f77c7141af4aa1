"""Encrypted .xls (BIFF8, RC4 and RC4 CryptoAPI) decrypted at C speed, byte for byte as msoffcrypto does.

Every CFSI 3.x and EICC 2.x template ships "encrypted" with Excel's default password. msoffcrypto-tool
decrypts such a workbook stream one byte at a time in Python (about 0.3 s for a 2.4 MB template); here
the stream is decrypted in place in 1,024-byte blocks by OpenSSL's RC4, from the libcrypto Python's own
``hashlib`` loaded (:func:`_openssl_rc4`; the ``cryptography`` package's RC4, a dependency of
msoffcrypto-tool, where that is not to be had), and the bytes that are not encrypted are put back one
record at a time, in the same walk that checks the records for the engine
(:func:`~cmrt.workbook.xls.restore_and_check`).

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

import functools
import hashlib
import itertools
import struct
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from cmrt.errors import CmrtError
from cmrt.workbook.ole import Compound
from cmrt.workbook.xls import restore_and_check

__all__ = ["decrypt"]

_BLOCK = 1024
_BOF, _FILEPASS, _BOUNDSHEET = 0x0809, 0x002F, 0x0085
_IN_CLEAR = frozenset({_BOF, _FILEPASS, 0x0194, 0x0195, 0x00E1, 0x0196, 0x0138})
"""BOF, FILEPASS, USREXCL, FILELOCK, INTERFACEHDR, RRDINFO, RRDHEAD: bodies never encrypted."""
_SPECIAL = _IN_CLEAR | {_BOUNDSHEET}
_HEADER, _BLOCK_NUMBER = struct.Struct("<HH"), struct.Struct("<I")
_RC4_KEY_BITS = frozenset({40, 56, 64, 80, 128, 160})
"""Key sizes the cryptography package's RC4 accepts that a SHA-1 or MD5 digest can give."""


def _arc4() -> type:
    try:  # cryptography 43 and later keep RC4 among the "decrepit" ciphers
        from cryptography.hazmat.decrepit.ciphers.algorithms import ARC4
    except ImportError:  # pragma: no cover - older cryptography
        from cryptography.hazmat.primitives.ciphers.algorithms import ARC4  # type: ignore[no-redef]
    return ARC4  # type: ignore[no-any-return]


class _OpenSSL(NamedTuple):
    ctypes: Any
    set_key: Any
    rc4: Any


_STATE_BYTES = 4096
"""Room for OpenSSL's ``RC4_KEY`` (1,032 bytes on common builds, 258 where it keeps bytes), to spare."""
_KNOWN_ANSWER = (b"Key", b"Plaintext", bytes.fromhex("bbf316e8d940af0ad3"))
_BLOCK_SHA256 = "49af6fb1ae85a4a8835f73dd629583fcaa339f8ab1e7f9fea31e2bb08b991721"
"""SHA-256 of the first 1,024 bytes of RC4's keystream for the key 0x0102...10 (RFC 6229's 128-bit key,
whose keystream begins 9ac7cc9a...): a whole block, in place, as the decryption runs it."""


@functools.lru_cache(maxsize=1)
def _openssl_rc4() -> _OpenSSL | None:
    """OpenSSL's ``RC4_set_key`` and ``RC4``, from the libcrypto that Python's ``_hashlib`` is linked to
    (on Linux and macOS, looking a name up in a library searches the libraries it depends on), once they
    gave RC4's known answers; ``None`` wherever they are not to be had or not to be trusted: Windows (a
    DLL exports only its own names), an OpenSSL built without RC4 or linked in statically, FIPS mode
    (where an old OpenSSL aborts on RC4), any other surprise. Then the ``cryptography`` package's RC4,
    which needs a cipher object per block, about twice as slow.

    Called as a ``PyDLL``, holding the GIL: a block takes about 2 µs, less than releasing it costs."""
    try:
        import _hashlib
        import ctypes

        if _hashlib.get_fips_mode():
            return None
        library = ctypes.PyDLL(_hashlib.__file__)
        set_key, rc4 = library.RC4_set_key, library.RC4
        set_key.argtypes, set_key.restype = (ctypes.c_void_p, ctypes.c_int, ctypes.c_char_p), None
        rc4.argtypes, rc4.restype = (ctypes.c_void_p, ctypes.c_size_t, ctypes.c_void_p, ctypes.c_void_p), None
        native = _OpenSSL(ctypes, set_key, rc4)
        key, plain, cipher = _KNOWN_ANSWER
        if _native_rc4(native, bytearray(plain), [key]) != cipher:
            return None
        block = _native_rc4(native, bytearray(_BLOCK), [bytes(range(1, 17))])
        return native if hashlib.sha256(block).hexdigest() == _BLOCK_SHA256 else None
    except Exception:  # whatever stops it, the other RC4 does the work
        return None


def _native_rc4(native: _OpenSSL, buffer: bytearray, keys: Iterable[bytes]) -> bytearray:
    """``buffer`` RC4-decrypted in place by OpenSSL, each 1,024-byte block with the next of ``keys``."""
    ctypes, set_key, rc4 = native
    if not buffer:
        return buffer
    state = ctypes.create_string_buffer(_STATE_BYTES)
    window = (ctypes.c_char * len(buffer)).from_buffer(buffer)  # pins the buffer while RC4 writes to it
    address, end = ctypes.addressof(window), len(buffer)
    for start, secret in zip(range(0, end, _BLOCK), keys, strict=False):
        set_key(state, len(secret), secret)
        rc4(state, min(_BLOCK, end - start), address + start, address + start)
    del window
    return buffer


def _rc4(data: bytes, keys: Iterable[bytes]) -> bytearray:
    """``data`` RC4-decrypted, each 1,024-byte block with the next of ``keys``."""
    native = _openssl_rc4()
    if native is not None:
        return _native_rc4(native, bytearray(data), keys)
    from cryptography.hazmat.primitives.ciphers import Cipher

    arc4, view = _arc4(), memoryview(data)
    return bytearray().join(
        Cipher(arc4(key), mode=None).decryptor().update(view[start : start + _BLOCK])
        for start, key in zip(range(0, len(data), _BLOCK), keys, strict=False)
    )


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
        plain = _rc4(self.verifier + self.verifier_hash, self.keys())  # one block: the verifier, its hash
        verifier, found = plain[: len(self.verifier)], plain[len(self.verifier) :]
        digest = hashlib.sha1(verifier) if self.crypto_api else hashlib.md5(verifier)
        return digest.digest() == found

    def keys(self) -> Iterator[bytes]:
        """The key of each 1,024-byte block in turn ([MS-OFFCRYPTO] 2.3.6.2, 2.3.5.2): the hash of the
        password's base key and the block's number (hashed from a copy of the base key's state, a third
        faster than hashing both anew: this runs 2,300 times for a CFSI template)."""
        hashed = hashlib.sha1(self._base) if self.crypto_api else hashlib.md5(self._base)
        number, size, padded = _BLOCK_NUMBER.pack, self.bits // 8, self.bits == 40
        for block in itertools.count():
            digest = hashed.copy()
            digest.update(number(block))
            key = digest.digest()  # RC4's MD5 is its 128 bits; RC4 CryptoAPI's SHA-1 is cut to size
            yield key[:5] + bytes(11) if padded else key[:size]

    def decrypt(self, stream: bytes) -> bytearray:
        """Every byte of ``stream`` decrypted, each 1,024-byte block with its own key."""
        return _rc4(stream, self.keys())


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


class Decrypted(NamedTuple):
    """A workbook stream decrypted, and what the walk that put its headers back found of its records."""

    stream: bytes
    checked: bool
    """Whether that walk was the engine's walk and checked the records as
    :func:`~cmrt.workbook.xls.check_records` would (:func:`~cmrt.workbook.xls.restore_and_check`)."""
    error: CmrtError | None = None
    """What :func:`~cmrt.workbook.xls.check_records` would raise, where it was checked."""


def decrypt_stream(stream: bytes, key: _Key) -> Decrypted | None:
    """The workbook stream decrypted with an opened key; ``None`` where a record runs past the end of
    the stream or a BOUNDSHEET is too short for its position (msoffcrypto has its own ways with those)."""
    out = key.decrypt(stream)
    error: CmrtError | None = None
    try:
        special = restore_and_check(stream, out, _SPECIAL)
    except CmrtError as exc:
        special, error = None, exc.with_traceback(None)
    except struct.error:  # a record past the end: the walk below says so
        special = None
    checked = special is not None or error is not None
    if special is None:  # a crafted or damaged stream: the headers put back again, the plain way
        special = _restore_headers(stream, out)
        if special is None:
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
    return Decrypted(bytes(out), checked, error)


def _restore_headers(stream: bytes, out: bytearray) -> list[tuple[int, int, int]] | None:
    """Every record header put back into ``out``, as read (no Python loop per byte); the records in
    :data:`_SPECIAL` listed. ``None`` where a record runs past the end of the stream."""
    unpack, put, end = _HEADER.unpack_from, _HEADER.pack_into, len(stream)
    special: list[tuple[int, int, int]] = []
    offset = 0
    while offset + 4 <= end:
        kind, length = unpack(stream, offset)
        put(out, offset, kind, length)
        if kind in _SPECIAL:
            special.append((offset, kind, length))
        offset += 4 + length
    return special if offset == end else None


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
    decrypted = decrypt_stream(stream, key)
    if decrypted is None:
        return None
    twin = compound.rewritten("Workbook", decrypted.stream)
    if twin is not None and decrypted.checked:
        twin.checked["Workbook"] = decrypted.error
    return twin
