"""Inputs that are not readable files: each is refused in one line, never opened, and the run goes on.

FIFOs are tried in a subprocess with a timeout: opening one for reading blocks until a writer comes,
so a regression fails here instead of hanging the suite.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import REPO
from lxml import etree

from teikit import files, pipeline
from teikit.errors import InputError

VALID = REPO / "encoded" / "wcda-116739.xml"
INVALID = REPO / "tests" / "cases" / "invalid" / "dangling-who.xml"
FIFO_MESSAGE = "cannot read: a FIFO (named pipe), not a regular file"


def teikit(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "teikit", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
        check=False,
    )


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.xml"
    os.mkfifo(path)
    return path


def test_validate_refuses_a_fifo_alone(fifo: Path) -> None:
    run = teikit("validate", fifo)
    assert (run.returncode, run.stdout) == (1, f"{fifo}:1:1: error: {FIFO_MESSAGE} [not-a-file]\n")


def test_validate_refuses_a_fifo_in_a_folder_and_checks_the_rest(fifo: Path) -> None:
    shutil.copy(INVALID, fifo.parent / "invalid.xml")
    shutil.copy(VALID, fifo.parent / "valid.xml")
    run = teikit("validate", "--format", "json", fifo.parent)
    report = json.loads(run.stdout)
    assert run.returncode == 1 and report["files"] == 3
    by_path = Counter(issue["path"] for issue in report["issues"])
    assert by_path == {str(fifo): 1, str(fifo.parent / "invalid.xml"): 1}


def test_validate_with_a_cache_refuses_a_fifo(fifo: Path, tmp_path: Path) -> None:
    run = teikit("validate", fifo, f"--cache={tmp_path / 'cache'}")
    assert (run.returncode, run.stdout) == (1, f"{fifo}:1:1: error: {FIFO_MESSAGE} [not-a-file]\n")


def test_convert_and_render_refuse_a_fifo(fifo: Path, tmp_path: Path) -> None:
    transcript = tmp_path / "pipe.txt"
    os.mkfifo(transcript)
    run = teikit("convert", transcript, "-o", tmp_path / "out")
    assert run.returncode == 1
    assert (
        run.stderr == f"{transcript}:1:1: cannot read transcript: a FIFO (named pipe), not a regular file\n"
    )
    for fmt in ("html", "text", "diplomatic"):
        run = teikit("render", fmt, fifo, "-o", tmp_path / "out")
        assert (run.returncode, run.stderr) == (1, f"{fifo}:1:1: {FIFO_MESSAGE}\n")
    assert not (tmp_path / "out").exists()


def test_convert_reports_a_fifo_in_a_folder_and_converts_the_rest(tmp_path: Path) -> None:
    sources = tmp_path / "transcripts"
    sources.mkdir()
    shutil.copy(REPO / "transcripts" / "wcda-116739.txt", sources)
    os.mkfifo(sources / "pipe.txt")
    run = teikit("convert", sources, "-o", tmp_path / "out")
    assert run.returncode == 1
    assert f"{sources / 'pipe.txt'}:1:1: cannot read transcript: a FIFO" in run.stderr
    assert (tmp_path / "out" / "wcda-116739.xml").is_file()


def test_sockets_and_devices_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "socket.xml"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        with pytest.raises(InputError, match="a socket, not a regular file") as info:
            files.read_bytes(path)
        assert info.value.code == "not-a-file"
    finally:
        server.close()
    with pytest.raises(InputError, match="a character device, not a regular file"):
        files.read_bytes(os.devnull)
    run = teikit("validate", os.devnull)
    assert run.returncode == 1 and "a character device, not a regular file [not-a-file]" in run.stdout


def _issues_by_file(fmt: str, stdout: str) -> Counter[str]:
    """How many issues each file has in a report of format `fmt`."""
    if fmt == "text":
        return Counter(line.split(":", 1)[0] for line in stdout.splitlines())
    if fmt == "json":
        return Counter(issue["path"] for issue in json.loads(stdout)["issues"])
    if fmt == "github":
        return Counter(line.split("file=", 1)[1].split(",line=")[0] for line in stdout.splitlines())
    if fmt == "sarif":
        results = json.loads(stdout)["runs"][0]["results"]
        return Counter(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results)
    suites = etree.fromstring(stdout.encode())
    return Counter(
        {
            case.get("name"): len(failure.text.splitlines())
            for case in suites.iter("testcase")
            if (failure := case.find("failure")) is not None
        }
    )


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "github", "sarif"])
def test_each_unreadable_file_is_one_issue_and_every_file_is_reported(tmp_path: Path, fmt: str) -> None:
    good = tmp_path / "good.xml"
    shutil.copy(VALID, good)
    invalid = tmp_path / "invalid.xml"
    shutil.copy(INVALID, invalid)
    undecodable = tmp_path / "undecodable.xml"
    undecodable.write_bytes(VALID.read_bytes().replace(b"<TEI ", b"<TEI \xff\xfe ", 1))
    dangling = tmp_path / "dangling.xml"
    dangling.symlink_to(tmp_path / "gone.xml")
    pipe = tmp_path / "pipe.xml"
    os.mkfifo(pipe)
    locked = tmp_path / "locked.xml"
    shutil.copy(VALID, locked)
    locked.chmod(0)
    folder = tmp_path / "folder"
    (folder / "named.xml").mkdir(parents=True)  # a folder named like a file is walked, not read
    shutil.copy(INVALID, folder / "named.xml" / "inside.xml")
    given = [good, invalid, undecodable, dangling, pipe, locked, folder]
    run = teikit("validate", "--format", fmt, *given)
    assert run.returncode == 1, run.stderr
    assert run.stderr == ""
    expected = {
        str(invalid): 1,
        str(undecodable): 1,
        str(dangling): 1,
        str(pipe): 1,
        str(folder / "named.xml" / "inside.xml"): 1,
    }
    if not os.access(locked, os.R_OK):  # as root every file is readable
        expected[str(locked)] = 1
    assert _issues_by_file(fmt, run.stdout) == expected
    if fmt == "junit":  # every file is a test case, the clean ones too
        names = [case.get("name") for case in etree.fromstring(run.stdout.encode()).iter("testcase")]
        assert names == [str(p) for p in (good, invalid, undecodable, dangling, pipe, locked)] + [
            str(folder / "named.xml" / "inside.xml")
        ]


def test_an_unreadable_file_is_an_issue_in_the_library_too(tmp_path: Path) -> None:
    missing = tmp_path / "missing.xml"
    found = pipeline.validate_files([missing, VALID], jobs=1)
    assert list(found) == [str(missing), str(VALID)] and found[str(VALID)] == []
    [issue] = found[str(missing)]
    assert (issue.line, issue.column, issue.rule, issue.message) == (
        1,
        1,
        "not-a-file",
        "cannot read: not found",
    )


def test_a_glob_walks_the_folders_it_matches(tmp_path: Path) -> None:
    encoded = tmp_path / "encoded"
    shutil.copytree(REPO / "encoded", encoded)
    registers = sorted((encoded / "registers").glob("*.xml"))
    documents = sorted(encoded.glob("*.xml"))
    assert registers and documents
    found = pipeline.tei_files([f"{encoded}/*"])
    assert set(found) == {*documents, *registers} and len(found) == len(set(found))
    run = teikit("validate", f"{encoded}/*")
    assert (run.returncode, run.stdout, run.stderr) == (0, "", "")
    relative = teikit("validate", "--format", "json", "encoded/*", cwd=tmp_path)
    assert json.loads(relative.stdout)["files"] == len(documents) + len(registers)


def test_a_file_named_twice_is_validated_once(tmp_path: Path) -> None:
    shutil.copy(INVALID, tmp_path / "a.xml")
    found = pipeline.tei_files([tmp_path, tmp_path / "a.xml", f"{tmp_path}/*.xml"])
    assert found == [tmp_path / "a.xml"]
