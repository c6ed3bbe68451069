"""Password-protected backups for carrying data between confidential machines: AES-256-GCM in 1 MiB
chunks, the key derived from the password with scrypt (memory-hard). Every chunk is authenticated with
the header, its index and a last-chunk flag, so a changed, reordered or cut-off file is refused.

Layout: MAGIC | u32 header length | header JSON | (u32 length | chunk ciphertext)*. The plaintext is
u32 manifest length | manifest JSON | the database file."""

from __future__ import annotations

import base64
import json
import os
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from app.domain.errors import AppError

MAGIC = b"COUNTY-OFFICE-BACKUP-AESGCM\x00\x01"
CHUNK = 1 << 20
SCRYPT = {"n": 2**17, "r": 8, "p": 1}  # 128 MiB of memory per guess
_CHECK = b"county-office key check"


class BackupRefused(AppError):
    """The backup cannot be used: wrong password, changed or damaged file, wrong format, newer version."""

    code = "backup_refused"


def is_encrypted(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def _key(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(password.encode("utf-8"))


def _nonce(prefix: bytes, index: int) -> bytes:
    return prefix + struct.pack(">I", index)


def _aad(header: bytes, index: int, last: bool) -> bytes:
    return header + struct.pack(">IB", index, 1 if last else 0)


def encrypt_file(db_file: Path, manifest_json: str, dest: Path, password: str, public: dict) -> None:
    """Write dest (via dest.part, fsynced, renamed). public: what the header may show without the password."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not password:
        raise BackupRefused("加密备份需要设置密码")
    salt, prefix = os.urandom(16), os.urandom(8)
    key = _key(password, salt, **SCRYPT)
    aes = AESGCM(key)
    header_data = {
        "kdf": "scrypt",
        **SCRYPT,
        "salt": base64.b64encode(salt).decode(),
        "nonce": base64.b64encode(prefix).decode(),
        "chunk": CHUNK,
        "public": public,
    }
    # the key check lets a wrong password be told apart from a changed body
    header_data["check"] = base64.b64encode(
        aes.encrypt(b"\xff" * 12, _CHECK, json.dumps(public).encode())
    ).decode()
    header = json.dumps(header_data, sort_keys=True).encode()
    manifest = manifest_json.encode("utf-8")
    part = dest.with_name(dest.name + ".part")
    with open(part, "wb") as out, open(db_file, "rb") as src:
        out.write(MAGIC + struct.pack(">I", len(header)) + header)
        for index, (chunk, last) in enumerate(_chunks(struct.pack(">I", len(manifest)) + manifest, src)):
            ct = aes.encrypt(_nonce(prefix, index), chunk, _aad(header, index, last))
            out.write(struct.pack(">I", len(ct)) + ct)
        out.flush()
        os.fsync(out.fileno())
    os.replace(part, dest)


def _chunks(first: bytes, src: BinaryIO) -> Iterator[tuple[bytes, bool]]:
    """CHUNK-sized plaintext pieces of first + src, each with 'is this the last one'."""
    buffer = first
    pending: bytes | None = None
    while True:
        while len(buffer) < CHUNK:
            more = src.read(CHUNK)
            if not more:
                break
            buffer += more
        piece, buffer = buffer[:CHUNK], buffer[CHUNK:]
        if pending is not None:
            yield pending, not piece
        if not piece:
            if pending is None:
                yield b"", True
            return
        pending = piece


def read_header(path: Path) -> dict:
    with open(path, "rb") as f:
        return _header(f)[0]


def _header(f: BinaryIO) -> tuple[dict, bytes]:
    if f.read(len(MAGIC)) != MAGIC:
        raise BackupRefused("不是本程序的加密备份文件")
    raw_len = f.read(4)
    if len(raw_len) != 4:
        raise BackupRefused("加密备份文件不完整")
    header = f.read(struct.unpack(">I", raw_len)[0])
    try:
        data = json.loads(header)
        assert isinstance(data, dict) and data.get("kdf") == "scrypt"
    except (ValueError, AssertionError):
        raise BackupRefused("加密备份文件头已损坏") from None
    return data, header


def decrypt_file(path: Path, password: str, db_out: Path) -> str:
    """Write the database to db_out and return the manifest JSON; refuse a wrong password or any change."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    with open(path, "rb") as f:
        data, header = _header(f)
        try:
            key = _key(
                password or "", base64.b64decode(data["salt"]), int(data["n"]), int(data["r"]), int(data["p"])
            )
            aes = AESGCM(key)
            prefix = base64.b64decode(data["nonce"])
            aes.decrypt(b"\xff" * 12, base64.b64decode(data["check"]), json.dumps(data["public"]).encode())
        except (InvalidTag, KeyError, ValueError, TypeError):
            raise BackupRefused("备份密码不正确（或备份文件头被改动），无法解密") from None
        changed = BackupRefused("备份文件已被改动或损坏（校验失败），不能使用")
        manifest_len: int | None = None
        manifest = b""
        index = 0
        with open(db_out, "wb") as out:
            while True:
                raw_len = f.read(4)
                if len(raw_len) != 4:
                    raise changed  # cut off before the last chunk
                ct = f.read(struct.unpack(">I", raw_len)[0])
                last = f.peek(1)[:1] == b"" if hasattr(f, "peek") else False
                try:
                    plain = aes.decrypt(_nonce(prefix, index), ct, _aad(header, index, last))
                except InvalidTag:
                    raise changed from None
                if manifest_len is None:
                    manifest_len = struct.unpack(">I", plain[:4])[0]
                    plain = plain[4:]
                if len(manifest) < manifest_len:
                    take = manifest_len - len(manifest)
                    manifest += plain[:take]
                    plain = plain[take:]
                out.write(plain)
                index += 1
                if last:
                    break
    try:
        return manifest.decode("utf-8")
    except UnicodeDecodeError:
        raise changed from None
