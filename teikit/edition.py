"""What the static edition needs across its documents: their reading order (the index's, by date then
title), each page's neighbours in it, and the corpus download, a zip written byte for byte the same
from the same files."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from teikit import files, tei

_T = "{http://www.tei-c.org/ns/1.0}"

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""The timestamp of every member of the corpus zip (the earliest a zip can hold): two builds of the same
files give the same bytes."""


def sort_key(path: Path) -> tuple[str, str]:
    """The index's sort key of the TEI file `path` (transforms/html/index.xsl sorts by the digest's @date,
    then @title, by code point as Python compares strings): the date of transforms/common/functions.xsl
    (tk:date-iso: the source citation's date, else the front's docDate; @when, @from or @notBefore) and
    the title (tk:title: the titleStmt's, else the front's docTitle, else the file's stem)."""
    root = tei.parse_tei(path).getroot()
    dates = [*root.iterfind(f"{_T}teiHeader/{_T}fileDesc/{_T}sourceDesc/{_T}bibl/{_T}date")]
    dates += root.iterfind(f"{_T}text/{_T}front/{_T}docDate")
    values = [
        value for d in dates[:1] for a in ("when", "from", "notBefore") if (value := d.get(a)) is not None
    ]
    date = values[0] if values else ""
    titles = [*root.iterfind(f"{_T}teiHeader/{_T}fileDesc/{_T}titleStmt/{_T}title")]
    titles += root.iterfind(f"{_T}text/{_T}front/{_T}docTitle")
    title = " ".join("".join(titles[0].itertext()).split()) if titles else path.stem
    return date, title


def reading_order(paths: Sequence[Path]) -> list[tuple[Path, str]]:
    """`paths` in the index's order, each with its title."""
    keyed = sorted(((sort_key(path), path) for path in paths), key=lambda item: item[0])
    return [(path, key[1]) for key, path in keyed]


def neighbours(order: Sequence[tuple[Path, str]]) -> dict[Path, dict[str, str]]:
    """For each document of `order`, the stylesheet parameters naming the one before and after it
    (`prev-stem`, `prev-title`, `next-stem`, `next-title`; absent at either end)."""
    found: dict[Path, dict[str, str]] = {}
    for i, (path, _) in enumerate(order):
        params: dict[str, str] = {}
        if i > 0:
            params |= {"prev-stem": order[i - 1][0].stem, "prev-title": order[i - 1][1]}
        if i + 1 < len(order):
            params |= {"next-stem": order[i + 1][0].stem, "next-title": order[i + 1][1]}
        found[path] = params
    return found


def write_zip(target: Path, members: Mapping[str, Path]) -> None:
    """Write the zip `target` holding each file of `members` (name in the zip -> file), in the order of
    the names, with fixed timestamps and permissions: the same files give the same bytes. The zip is made
    in memory (compressed: a few MB for a thousand documents) and written atomically (files.write_atomic),
    so no reader sees half a zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, on whatever system builds it
            info.external_attr = 0o644 << 16
            archive.writestr(info, files.read_bytes(members[name]), compresslevel=9)
    files.write_atomic(target, buffer.getvalue())
