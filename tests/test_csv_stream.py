"""A CSV export streams: rows are read, converted and written one at a time (issue 15, M)."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from pathlib import Path

import pytest

from teikit import files, pipeline
from teikit.transcript import csv_export


def test_rows_are_read_lazily_and_written_before_the_last_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert inspect.isgeneratorfunction(csv_export.iter_rows)
    assert inspect.isgeneratorfunction(files.read_lines)
    rows = 30
    source = tmp_path / "export.csv"
    source.write_text(
        "record_id,title,text_body\n"
        + "".join(f'{n},Title {n},"Comrade Ivan Zb{n}k said yes.\nAnd more."\n' for n in range(rows)),
        encoding="utf-8",
    )
    events: list[str] = []
    read_lines, write_atomic = files.read_lines, files.write_atomic

    def logged_lines(path: str | Path) -> Iterator[str]:
        for n, line in enumerate(read_lines(path), 1):
            events.append(f"read {n}")
            yield line

    def logged_write(path: str | Path, content: str | bytes, *, durable: bool = True) -> None:
        events.append(f"write {Path(path).name}")
        write_atomic(path, content, durable=durable)

    monkeypatch.setattr(files, "read_lines", logged_lines)
    monkeypatch.setattr(files, "write_atomic", logged_write)
    results = pipeline.convert_files([source], tmp_path / "out")
    assert sum(r.status == "written" and r.kind == "encoding" for r in results) == rows
    first_write = events.index("write export-0.xml")
    last_read = events.index(f"read {1 + 2 * rows}")
    assert first_write < last_read
    # Each row is written before the row after it is read past.
    assert events.index("write export-1.xml") < events.index("read 7")


def test_iter_rows_reads_no_further_than_asked() -> None:
    consumed: list[str] = []

    def lines() -> Iterator[str]:
        for line in ["record_id,text_body\n", "1,a\n", "2,b\n", "3,c\n"]:
            consumed.append(line)
            yield line

    first = next(csv_export.iter_rows(lines(), "x.csv"))
    assert first.doc_id == "x-1" and len(consumed) <= 3
