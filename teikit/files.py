"""Transcripts read as text (decoded, checked), and outputs written safely: atomically, inside their folder,
under a lock.

Not every file teikit touches goes through here: the validator and the renderer read XML files
themselves (lxml and Saxon parse them with their own safeguards), and a Renderer keeps its working files
in a private folder.
"""

from __future__ import annotations

import io
import os
import re
import stat
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
    return decode(read_bytes(path, max_bytes=max_bytes, what="transcript"), str(path))


def read_bytes(path: str | Path, *, max_bytes: int | None = None, what: str = "") -> bytes:
    """The bytes of the regular file at `path`. Anything else (a folder, a FIFO, a socket, a device) is
    refused from its metadata and never opened: opening a FIFO blocks until something writes to it, and
    opening a device can act on it.

    :param max_bytes: refuse a file larger than this before reading it (None: no limit).
    :param what: what the file is, for messages (`cannot read transcript: …`).
    Raises InputError (codes `not-a-file`, `too-large`).
    """
    where = Location(str(path), 1, 1)
    prefix = f"cannot read {what}".rstrip()
    found = check_regular(path, what=what)
    _check_size(found.st_size, max_bytes, where)
    try:
        # O_NONBLOCK: should the file be swapped for a FIFO since the stat, opening it does not block.
        fd = os.open(path, os.O_RDONLY | _OPEN_FLAGS)
    except OSError as err:
        raise InputError(f"{prefix}: {err.strerror or err}", where, code="not-a-file") from err
    with os.fdopen(fd, "rb") as handle:
        opened = os.fstat(handle.fileno())
        if not stat.S_ISREG(opened.st_mode):
            raise InputError(
                f"{prefix}: {_kind(opened.st_mode)}, not a regular file", where, code="not-a-file"
            )
        try:
            data = handle.read() if max_bytes is None else handle.read(max_bytes + 1)
        except OSError as err:
            raise InputError(f"{prefix}: {err.strerror or err}", where, code="not-a-file") from err
    if max_bytes is not None and len(data) > max_bytes:  # it grew since the stat
        raise InputError(f"file is above the limit of {max_bytes:,} bytes", where, code="too-large")
    return data


def check_regular(path: str | Path, *, what: str = "") -> os.stat_result:
    """The metadata of `path` when it is a regular file (or a link to one), found without opening it.

    Raises InputError (code `not-a-file`) naming what it is otherwise: missing, a directory, a FIFO…
    """
    prefix = f"cannot read {what}".rstrip()
    try:
        found = os.stat(path)
    except OSError as err:
        raise InputError(
            f"{prefix}: {_stat_failure(path, err)}", Location(str(path), 1, 1), code="not-a-file"
        ) from err
    if not stat.S_ISREG(found.st_mode):
        raise InputError(
            f"{prefix}: {_kind(found.st_mode)}, not a regular file",
            Location(str(path), 1, 1),
            code="not-a-file",
        )
    return found


_OPEN_FLAGS = getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _kind(mode: int) -> str:
    return next((kind for test, kind in _KINDS if test(mode)), "a special file")


def _stat_failure(path: str | Path, err: OSError) -> str:
    if isinstance(err, FileNotFoundError):
        return "a symbolic link to a missing file" if os.path.islink(path) else "not found"
    return err.strerror or str(err)


def _check_size(size: int, max_bytes: int | None, where: Location) -> None:
    if max_bytes is not None and size > max_bytes:
        raise InputError(
            f"file is {size:,} bytes, above the limit of {max_bytes:,} bytes", where, code="too-large"
        )


def read_lines(path: str | Path, *, max_bytes: int = MAX_BYTES) -> Iterator[str]:
    """The lines of a text file one at a time, line endings kept and split as `open(..., newline="")`
    splits them (what the csv module needs), so that a large export is read in constant memory. The
    text is checked as `read_text` checks a transcript; a line of more than `max_bytes` bytes is refused.

    Raises InputError (codes `not-a-file`, `empty`, `too-large`, `binary`, `encoding`, `control-char`)
    when the file is opened or, for a line at fault, when that line is reached.
    """
    name, where = str(path), Location(str(path), 1, 1)
    check_regular(path)
    try:
        fd = os.open(path, os.O_RDONLY | _OPEN_FLAGS)  # as read_bytes: a FIFO swapped in never blocks
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror or err}", where, code="not-a-file") from err
    with os.fdopen(fd, "rb") as raw:
        mode = os.fstat(raw.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(f"cannot read: {_kind(mode)}, not a regular file", where, code="not-a-file")
        head = raw.read(3)
        if head[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16, rare in exports: read whole, within the cap
            yield from io.StringIO(read_text(path, max_bytes=max_bytes), newline="")
            return
        raw.seek(3 if head == b"\xef\xbb\xbf" else 0)
        number, blank = 0, True
        for data in iter(lambda: raw.readline(max_bytes + 1), b""):
            if len(data) > max_bytes:
                raise InputError(
                    f"line longer than {max_bytes:,} bytes", Location(name, number + 1, 1), code="too-large"
                )
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as err:
                before = data[: err.start].decode("utf-8", "replace")
                raise InputError(
                    f"not valid UTF-8: byte 0x{data[err.start]:02x} cannot be decoded; save the file as UTF-8",
                    _shifted(before, len(before), name, number + 1),
                    code="encoding",
                ) from err
            for line in _LINES.findall(text):
                number += 1
                _check_characters(line, name, number)
                blank = blank and not line.strip()
                yield line
        if blank:
            raise InputError("empty file: no text to convert", where, code="empty")


_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
"""Lines as universal newlines split them, endings kept."""


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
    return check_text(text, path)


def check_text(text: str, path: str) -> str:
    """`text`, refused (InputError) when it is empty or blank (code `empty`), or holds a control character
    other than tab, line breaks and form feed, or a character XML cannot hold (code `control-char`, at
    its line and column)."""
    if not text.strip():
        raise InputError("empty transcript: no text to convert", Location(path, 1, 1), code="empty")
    _check_characters(text, path)
    return text


def _check_characters(text: str, path: str, line: int = 1) -> None:
    """Refuse control characters (but those of `_ALLOWED_CONTROLS`) and noncharacters; `line` is the
    line `text` starts on."""
    for offset, char in enumerate(text):
        category = unicodedata.category(char)
        if (category == "Cc" and char not in _ALLOWED_CONTROLS) or category == "Cs" or char in _NON_XML:
            if char == "\x00":
                raise InputError(
                    "binary data (NUL byte): not a text file",
                    _shifted(text, offset, path, line),
                    code="binary",
                )
            what = "control character" if category == "Cc" else "character XML cannot hold,"
            raise InputError(
                f"{what} U+{ord(char):04X} in the text",
                _shifted(text, offset, path, line),
                code="control-char",
            )


def _shifted(text: str, offset: int, path: str, line: int) -> Location:
    loc = location_of(text, offset, path)
    return Location(path, loc.line + line - 1, loc.column)


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
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | _NOFOLLOW, 0o666 & ~_umask())
        try:
            _lock(fd)
            if sys.platform == "win32" or _same_file(fd, lock):
                return fd
        except FileNotFoundError:
            pass  # removed by the holder we waited for: lock the new file
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _lock(fd: int) -> None:
    """Wait for the exclusive lock of an open file (flock; on Windows, a lock on its first byte)."""
    if sys.platform == "win32":
        import msvcrt

        while True:
            try:
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
                return
            except OSError:  # LK_LOCK gives up after 10 seconds; keep waiting
                continue
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_EX)


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


def _same_file(fd: int, path: Path) -> bool:
    """Whether `path` still names the file open as `fd` (FileNotFoundError when it names none)."""
    held, now = os.fstat(fd), os.stat(path, follow_symlinks=False)
    return (held.st_dev, held.st_ino) == (now.st_dev, now.st_ino)


class SharedLog:
    """A file of lines that runs append to at the same time, each keeping it open: `locked` holds the
    file's lock (flock on it, so no lock file), `read_new` gives the lines appended since the last look
    and `append` adds one, so a check against the log and the append after it are one step for every
    process. A line cut short by a killed process is never given; the file is created when missing.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._fd: int | None = None
        self._read = 0
        """How many bytes of the file `read_new` has given."""

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Raises OutputError when the file cannot be opened or made."""
        try:
            fd = self._open()
            _lock(fd)
        except OSError as err:
            raise OutputError(f"cannot lock: {err.strerror}", Location(str(self.path), 1, 1)) from err
        try:
            yield
        finally:
            _unlock(fd)

    def read_new(self) -> tuple[list[bytes], bool]:
        """The complete lines not given yet (this log's own appends too), and whether they start from the
        file's beginning again (it was replaced or shortened). Call it while `locked`."""
        fd = self._open()
        size = os.fstat(fd).st_size
        restart = size < self._read
        if restart:
            self._read = 0
        data = os.pread(fd, size - self._read, self._read) if size > self._read else b""
        complete = data[: data.rfind(b"\n") + 1]
        self._read += len(complete)
        return complete.splitlines(), restart

    def append(self, line: str) -> None:
        """Add `line` and a line break in one write. Call it while `locked`."""
        try:
            os.write(self._open(), (line + "\n").encode("utf-8"))
        except OSError as err:
            raise OutputError(f"cannot write: {err.strerror}", Location(str(self.path), 1, 1)) from err

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def _open(self) -> int:
        """The open file, opened again when its path now names another file (replaced, removed)."""
        if self._fd is not None:
            try:
                if _same_file(self._fd, self.path):
                    return self._fd
            except FileNotFoundError:
                pass
            self.close()
            self._read = 0
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT | _NOFOLLOW, 0o666 & ~_umask())
        return self._fd
