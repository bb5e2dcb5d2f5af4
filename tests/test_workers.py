"""Worker processes never outlive the command that started them, even one killed outright (kill -9).

Linux: the processes are found and inspected through /proc.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from conftest import REPO

from teikit import pipeline


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and _stat(int(entry.name))[1:2] == [str(pid)]:
            found.append(int(entry.name))
    return found


def _stat(pid: int) -> list[str]:
    """State, parent pid, … of a process (/proc/PID/stat after the command name); [] once it is gone."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return []


def _alive(pid: int) -> bool:
    return _stat(pid)[:1] not in ([], ["Z"])  # a zombie has ended; only its exit status is left


def _runs_saxon(pid: int) -> bool:
    try:
        return "saxonc" in (Path("/proc") / str(pid) / "maps").read_text()
    except OSError:
        return False


def _wait(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_kill_9_of_build_while_rendering_leaves_no_worker(tmp_path: Path) -> None:
    sources = tmp_path / "transcripts"
    sources.mkdir()
    for i in range(2 * pipeline._RENDER_CHUNK):  # two rendering tasks: both workers busy
        shutil.copy(REPO / "transcripts" / "wcda-116739.txt", sources / f"doc{i:02}.txt")
    build = subprocess.Popen(
        [sys.executable, "-m", "teikit", "build", "-j", "2"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, for the clean-up below
    )
    try:
        workers: list[int] = []

        def rendering() -> bool:
            workers[:] = [pid for pid in _children(build.pid) if _runs_saxon(pid)]
            return len(workers) == 2

        assert _wait(rendering, 300), "the build never started two rendering workers"
        descendants = _children(build.pid)  # the workers, and multiprocessing's resource tracker
        build.kill()
        build.wait(timeout=10)
        assert _wait(lambda: not any(map(_alive, descendants)), 10), [
            (pid, _stat(pid)[:1]) for pid in descendants if _alive(pid)
        ]
    finally:
        try:
            os.killpg(build.pid, signal.SIGKILL)  # what a regression left behind
        except ProcessLookupError:
            pass


def test_kill_9_of_parallel_validation_leaves_no_worker(tmp_path: Path) -> None:
    for i in range(6 * pipeline._CHUNK):
        shutil.copy(REPO / "encoded" / "wcda-116540.xml", tmp_path / f"doc{i:03}.xml")
    run = subprocess.Popen(
        [sys.executable, "-m", "teikit", "validate", "-j", "2", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        workers: list[int] = []

        def validating() -> bool:
            workers[:] = _children(run.pid)
            return len(workers) >= 2

        assert _wait(validating, 120), "validation never started two workers"
        run.kill()
        run.wait(timeout=10)
        assert _wait(lambda: not any(map(_alive, workers)), 10), [p for p in workers if _alive(p)]
    finally:
        try:
            os.killpg(run.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
