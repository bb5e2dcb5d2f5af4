"""Bad input gets one clear located message, never a traceback; writes are atomic."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from teikit import files
from teikit.errors import InputError, OutputError


@pytest.mark.parametrize(
    ("data", "code", "where"),
    [
        (b"", "empty", "1:1"),
        (b" \n\t\n  \n", "empty", "1:1"),
        (b"Citation:\nabc\x00def", "binary", "2:4"),
        (b"line one\nJos\xe9 Mart\xed\n", "encoding", "2:4"),
        (b"line one\nline\x07two\n", "control-char", "2:5"),
        (b"\xef\xbb\xbfok\n\x1b[0m\n", "control-char", "2:1"),
    ],
    ids=["empty", "whitespace-only", "nul-byte", "cp1252", "bell", "escape-after-bom"],
)
def test_unreadable_transcripts(tmp_path: Path, data: bytes, code: str, where: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        files.read_text(path)
    assert info.value.code == code
    assert str(info.value).startswith(f"{path}:{where}: ")


def test_directory_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="a directory") as info:
        files.read_text(tmp_path)
    assert info.value.code == "not-a-file"
    with pytest.raises(InputError, match="not found"):
        files.read_text(tmp_path / "nope.txt")


def test_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2048)
    with pytest.raises(InputError, match="above the limit") as info:
        files.read_text(path, max_bytes=1024)
    assert info.value.code == "too-large"


def test_byte_order_marks_are_understood(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffZhou: ok\r\n".encode("utf-16-le"))
    assert files.read_text(path) == "Zhou: ok\r\n"
    path.write_bytes(b"\xef\xbb\xbfZhou: ok\n")
    assert files.read_text(path) == "Zhou: ok\n"


def test_write_atomic_writes_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "out.xml"
    files.write_atomic(target, "<x/>")
    assert target.read_text() == "<x/>"
    assert os.listdir(target.parent) == ["out.xml"]
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


def test_write_atomic_leaves_nothing_on_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.xml"
    target.write_text("old")

    def fail(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OutputError, match="No space left"):
        files.write_atomic(target, "new content")
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["out.xml"]


def test_mixed_encodings_point_at_the_first_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes("Citation:\nPremier’s visit\nCaf\xe9".encode().replace(b"Caf\xc3\xa9", b"Caf\xe9"))
    with pytest.raises(InputError, match="not valid UTF-8") as info:
        files.read_text(path)
    assert str(info.value).startswith(f"{path}:3:4: ")


def test_fifty_megabytes_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(InputError, match="above the limit") as info:
        files.read_text(path)
    assert info.value.code == "too-large"


def test_a_lock_is_exclusive_and_leaves_no_file(tmp_path: Path) -> None:
    import threading
    import time

    lock = tmp_path / "sub" / ".x.lock"
    order: list[str] = []

    def other() -> None:
        with files.locked(lock):  # its own open file: flock makes it wait for the holder
            order.append("other")

    with files.locked(lock):
        waiter = threading.Thread(target=other)
        waiter.start()
        time.sleep(0.3)
        order.append("holder")
    waiter.join(10)
    assert order == ["holder", "other"]
    assert not lock.exists()


def test_a_symbolic_link_at_the_lock_path_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.write_text("keep")
    (tmp_path / ".x.lock").symlink_to(target)
    with pytest.raises(OutputError, match="cannot lock"):
        with files.locked(tmp_path / ".x.lock"):
            pass
    assert target.read_text() == "keep"


def test_read_lines_splits_as_universal_newlines_and_keeps_endings(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(b"\xef\xbb\xbfa,b\r\nc\rd\ne")
    assert list(files.read_lines(path)) == ["a,b\r\n", "c\r", "d\n", "e"]
    path.write_bytes(b"\xff\xfe" + "a\nb\n".encode("utf-16-le"))
    assert list(files.read_lines(path)) == ["a\n", "b\n"]


@pytest.mark.parametrize(
    ("data", "code", "where"),
    [
        (b"a\nb\n\n  \n", None, None),
        (b"", "empty", "1:1"),
        (b"a\r\nb\rc\x07d\n", "control-char", "3:2"),
        (b"a\nb\nJos\xe9\n", "encoding", "3:4"),
        (b"a\n" + b"x" * 50 + b"\n", "too-large", "2:1"),
    ],
    ids=["fine", "empty", "control", "encoding", "long-line"],
)
def test_read_lines_refuses_bad_text_at_its_line(
    tmp_path: Path, data: bytes, code: str | None, where: str | None
) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(data)
    if code is None:
        assert "".join(files.read_lines(path, max_bytes=40)) == data.decode()
        return
    with pytest.raises(InputError) as info:
        list(files.read_lines(path, max_bytes=40))
    assert info.value.code == code and str(info.value).startswith(f"{path}:{where}: ")


def test_a_shared_log_gives_each_reader_what_the_others_appended(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "log.jsonl"
    one, two = files.SharedLog(path), files.SharedLog(path)
    with one.locked():
        assert one.read_new() == ([], False)
        one.append("a")
    with two.locked():
        assert two.read_new() == ([b"a"], False)
        two.append("b")
    with path.open("ab") as handle:
        handle.write(b'{"cut sh')  # a line a killed process left unfinished
    with one.locked():
        assert one.read_new() == ([b"a", b"b"], False)  # its own line too: every line not yet given
    path.write_bytes(b"c\n")  # replaced by hand: read from its start again
    with one.locked():
        assert one.read_new() == ([b"c"], True)
    one.close()
    two.close()
