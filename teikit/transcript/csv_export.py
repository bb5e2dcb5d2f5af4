"""Scraped CSV exports (SOURCE-FORMATS C6): one document per row, read one at a time; pure (lines in, row
texts out)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from teikit.errors import InputError, Location
from teikit.transcript.layouts.csv_row import BODY_COLUMN

_ID_COLUMNS = ("record_id", "id")


@dataclass(frozen=True)
class Row:
    """One document of the export: its id, the line where its record starts, its text as labelled fields."""

    doc_id: str
    line: int
    text: str


def split_rows(text: str, path: str) -> list[Row]:
    """The documents of a CSV export given as text (see `iter_rows`)."""
    return list(iter_rows(io.StringIO(text, newline=""), path))


def iter_rows(lines: Iterable[str], path: str) -> Iterator[Row]:
    """The documents of a CSV export, one at a time as its lines are read, each written as `column: value`
    fields with `text_body` last.

    :param lines: the file's lines with their endings, as `open(path, newline="")` gives them.
    Raises InputError `syntax` when the file is not a CSV export with a `text_body` column, or when
    the row at fault is reached.
    """
    stem = path.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    reader = csv.reader(lines)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as err:
        raise InputError(f"not a CSV export: {err}", Location(path, 1, 1), code="syntax") from err
    if BODY_COLUMN not in header:
        raise InputError(f"CSV export without a {BODY_COLUMN!r} column", Location(path, 1, 1), code="syntax")
    line = reader.line_num + 1
    n = 0
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            raise InputError(
                f"malformed CSV: {err}", Location(path, reader.line_num, 1), code="syntax"
            ) from err
        n += 1
        if not any(v.strip() for v in values):
            line = reader.line_num + 1
            continue
        if len(values) != len(header):
            raise InputError(
                f"row has {len(values)} fields, the header {len(header)}",
                Location(path, line, 1),
                code="syntax",
            )
        record = dict(zip(header, values, strict=False))
        ident = next((record[c].strip() for c in _ID_COLUMNS if record.get(c, "").strip()), str(n))
        fields = [f"{col}: {record[col]}" for col in header if col != BODY_COLUMN]
        yield Row(
            doc_id=f"{stem}-{ident}",
            line=line,
            text="\n".join(fields) + f"\n\n{BODY_COLUMN}:\n" + record[BODY_COLUMN] + "\n",
        )
        line = reader.line_num + 1
