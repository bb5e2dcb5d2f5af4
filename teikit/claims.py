"""Which source each encoding in an output folder was made from, so that two sources whose names give one
document id (`a b.txt` and `a-b.txt`, two rows of an export with one record id) never write one file.

The record is `.teikit-sources.jsonl` beside the encodings: one line `{"id": …, "source": …}` per claim,
the source named relative to the folder (a row of an export as `export.csv#<its id>`). A run checks and
claims an id, and writes its encoding, while it holds the record's lock (`files.SharedLog`), so that
runs into one folder at the same time agree. A claim holds while its encoding exists.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from teikit import files

RECORD = ".teikit-sources.jsonl"


class Claims:
    """The claims of one output folder, as one run sees them; `close` it at the end of the run."""

    def __init__(self, out_dir: str | Path) -> None:
        self.out_dir = Path(out_dir)
        self._log = files.SharedLog(self.out_dir / RECORD)
        self._known: dict[str, str] = {}
        """Id -> source, as recorded."""
        self._run: dict[str, str] = {}
        """Ids claimed in this run -> the source, as named for messages."""

    def key(self, source: str | Path, part: str | None = None) -> str:
        """How the record names `source` (a row of it: `part`): relative to the output folder, so that
        the record holds when the two folders move together."""
        rel = Path(os.path.relpath(Path(source).resolve(), self.out_dir.resolve())).as_posix()
        return f"{rel}#{part}" if part is not None else rel

    @contextmanager
    def held(self) -> Iterator[None]:
        """The folder's claims locked: check with `owner`, write the output, then `record`."""
        with self._log.locked():
            self._refresh()
            yield

    def owner(self, doc_id: str, key: str) -> str | None:
        """Who else holds `doc_id` (as named for a message), or None when it is free or `key`'s.

        Within one run an id is never given twice, whatever the sources; between runs it belongs to the
        source recorded for it while its encoding exists. Call it while `held`.
        """
        if doc_id in self._run:
            return f"{self._run[doc_id]}, converted in this run"
        recorded = self._known.get(doc_id)
        if recorded is None or recorded == key or not (self.out_dir / f"{doc_id}.xml").exists():
            return None
        return f"{os.path.normpath(self.out_dir / recorded)}, from which {self.out_dir / doc_id}.xml was made"

    def record(self, doc_id: str, key: str, named: str) -> None:
        """`doc_id` is `key`'s from now on (`named`: how messages name it). Call it while `held`."""
        self._run[doc_id] = named
        if self._known.get(doc_id) != key:
            self._log.append(json.dumps({"id": doc_id, "source": key}, ensure_ascii=False))
            self._known[doc_id] = key

    def close(self) -> None:
        self._log.close()

    def _refresh(self) -> None:
        """Take in what other runs appended since the last look."""
        lines, restart = self._log.read_new()
        if restart:
            self._known = {}
        for line in lines:
            try:
                claim = json.loads(line)
                self._known[str(claim["id"])] = str(claim["source"])
            except (ValueError, KeyError, TypeError):
                continue  # a damaged line claims nothing
