"""The only library module that touches files: read a transcript as text, write outputs atomically."""

from __future__ import annotations

import os
import sys
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from teikit.errors import InputError, Location, OutputError, location_of

MAX_BYTES = 16 * 1024 * 1024
"""Transcripts larger than this are refused: a document, not a corpus dump, is expected."""

_ALLOWED_CONTROLS = frozenset("\n\r\t\f")
"""Form feeds (page breaks in PDF text) are allowed here and made line breaks by normalisation."""
_NON_XML = frozenset("\ufffe\uffff")
"""Noncharacters that XML cannot hold."""
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def read_text(path: str | Path, *, max_bytes: int = MAX_BYTES) -> str:
    """Read a transcript and return its text, refusing what is not a readable transcript.

    Raises InputError (codes `not-a-file`, `too-large`, `empty`, `binary`, `encoding`, `control-char`).
    """
    name = str(path)
    p = Path(path)
    if not p.is_file():
        what = "a directory" if p.is_dir() else "not found"
        raise InputError(f"cannot read transcript: {what}", Location(name, 1, 1), code="not-a-file")
    size = p.stat().st_size
    if size > max_bytes:
        raise InputError(
            f"file is {size:,} bytes, above the limit of {max_bytes:,} bytes",
            Location(name, 1, 1),
            code="too-large",
        )
    try:
        data = p.read_bytes()
    except OSError as err:
        raise InputError(
            f"cannot read transcript: {err.strerror}", Location(name, 1, 1), code="not-a-file"
        ) from err
    return decode(data, name)


def decode(data: bytes, path: str) -> str:
    """Decode transcript bytes (UTF-8, or UTF-16 with a byte-order mark) and check the characters."""
    encoding = "utf-8"
    for bom, enc in _BOMS:
        if data.startswith(bom):
            data, encoding = data[len(bom) :], enc
            break
    if encoding == "utf-8" and b"\x00" in data:
        offset = data.index(b"\x00")
        loc = location_of(data[:offset].decode("utf-8", "replace"), offset, path)
        raise InputError("binary data (NUL byte): not a text transcript", loc, code="binary")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        loc = location_of(data[: err.start].decode(encoding, "replace"), err.start, path)
        raise InputError(
            f"not valid {encoding.upper()}: byte 0x{data[err.start]:02x} cannot be decoded; "
            "save the transcript as UTF-8",
            loc,
            code="encoding",
        ) from err
    if not text.strip():
        raise InputError("empty transcript: no text to convert", Location(path, 1, 1), code="empty")
    for offset, char in enumerate(text):
        if (unicodedata.category(char) == "Cc" and char not in _ALLOWED_CONTROLS) or char in _NON_XML:
            raise InputError(
                f"control character U+{ord(char):04X} in the text",
                location_of(text, offset, path),
                code="control-char",
            )
    return text


def inside(folder: str | Path, name: str | Path) -> Path:
    """The path `folder/name`, for an output whose name comes from data (an id, a file stem): resolved,
    and refused unless it stays inside `folder`.

    Raises OutputError (code `outside`) for an absolute name, a `..` step that climbs out, a backslash
    (a folder separator on Windows) or a NUL character.
    """
    text = str(name)
    root = Path(folder).resolve()
    if (
        "\0" in text
        or "\\" in text
        or Path(text).is_absolute()
        or not _is_under((root / text).resolve(), root)
    ):
        raise OutputError(
            f"refused to write {text!r}: a name made from the data must stay inside {folder}/",
            Location(str(folder)),
            code="outside",
        )
    return Path(folder) / Path(text)


def _is_under(path: Path, root: Path) -> bool:
    return path != root and path.is_relative_to(root)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str | Path, content: str | bytes, *, durable: bool = True) -> None:
    """Write a file completely or not at all: a temporary file in the same folder, then a rename.

    :param durable: False skips forcing the data to disk before the rename (fsync, about ten times
        the cost of writing a small file): for files a power cut may lose without harm, such as cache
        entries. The rename still means that a killed process never leaves half a file.
    """
    target = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as err:
        raise OutputError(f"cannot write: {err.strerror}", Location(str(target), 1, 1)) from err
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are published files
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException as err:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise OutputError(f"cannot write: {err.strerror}", Location(str(target), 1, 1)) from err
        raise


@contextmanager
def locked(path: str | Path) -> Iterator[None]:
    """Hold an exclusive lock on the lock file `path` while the block runs: processes (and threads) that
    lock the same path take turns, so a read-merge-write of a shared file loses nothing.

    The lock is the kernel's (flock), so a process that dies gives it up and no lock is ever stale. The
    file is created when missing and removed on release; a process that waited for a removed file finds
    it gone, and locks the new one instead. Raises OutputError when the lock file cannot be made.
    """
    lock = Path(path)
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
        fd = _acquire(lock)
    except OSError as err:
        raise OutputError(f"cannot lock: {err.strerror}", Location(str(lock), 1, 1)) from err
    try:
        yield
    finally:
        if sys.platform != "win32":  # Windows cannot remove a file that is open
            lock.unlink(missing_ok=True)  # while still held: see the docstring
        os.close(fd)


def _acquire(lock: Path) -> int:
    while True:
        # O_NOFOLLOW: a symbolic link planted at the lock's path is refused, not followed.
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o666 & ~_umask())
        try:
            if sys.platform == "win32":
                import msvcrt

                while True:
                    try:
                        msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
                        return fd
                    except OSError:  # LK_LOCK gives up after 10 seconds; keep waiting
                        continue
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX)
            held, now = os.fstat(fd), os.stat(lock, follow_symlinks=False)
            if (held.st_dev, held.st_ino) == (now.st_dev, now.st_ino):
                return fd
        except FileNotFoundError:
            pass  # removed by the holder we waited for: lock the new file
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
