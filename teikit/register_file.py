"""A register file brought up to date in place: teikit's own entries (`resp="#teikit"`) are replaced by
their merged form and new entries are inserted, while every other byte of the file (curated entries,
comments, notes, identifiers, the header, order and whitespace) stays as it was (DESIGN §5: teikit never
rewrites a curated entry).

The file is spliced as bytes, never serialised again from a model: the offsets of entries come from
expat, which reports where each element starts; lxml cannot.
"""

from __future__ import annotations

import xml.parsers.expat
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from teikit import tei
from teikit.errors import InputError, Location
from teikit.registers import Entry

_KINDS = {"per": "person", "pla": "place", "org": "org"}
_NS = tei.TEI_NS + " "
_XML_ID = tei.XML_NS + " id"


@dataclass
class _Element:
    """An entry or a list of entries, by its byte span in the file."""

    id: str
    start: int
    """Offset of its `<`."""
    end: int
    """Offset just after its last `>`."""
    open_end: int
    """Offset just after its start tag."""
    proposed: bool
    parent: _Element | None
    """The entry it is listed in, if any."""


@dataclass
class _Scan:
    entries: list[_Element]
    """Every entry, in document order."""
    lists: list[_Element]
    """The list elements holding entries (listPerson, listPlace, listOrg), in document order."""


def rewrite(old: bytes, entries: Sequence[Entry], prefix: str, path: str = "<register>") -> bytes:
    """`old`, a register file, with teikit's entries replaced by those of `entries` and the entries it
    lacks inserted into its first list, each before the first entry there whose id sorts after it.

    `entries` is the merged register (see `registers.merge`), sorted by id: every entry of `old`, plus
    new ones. Curated entries, and entries listed inside them (see `registers.freeze`), are taken from
    `old` byte for byte. Raises InputError when `old` is not a well-formed UTF-8 register.
    """
    kind = _KINDS[prefix]
    scan = _scan(old, kind, path)
    if not scan.lists:
        raise InputError(f"register without a list{kind.capitalize()}", Location(path, 1, 1), code="syntax")
    found = {e.id: e for e in scan.entries}
    kept = {e.id: old[e.start : e.end] for e in scan.entries if not e.proposed or _inside_curated(e)}
    rebuilt_ids = {e.id for e in entries if e.proposed and e.id not in kept}
    rebuilt = []
    for e in entries:
        if e.id in rebuilt_ids:
            # Nothing new goes inside a kept entry: one listed in it stays in the list instead.
            rebuilt.append(e if e.within in rebuilt_ids else e.model_copy(update={"within": None}))
        elif e.id in found and e.within in rebuilt_ids:
            rebuilt.append(e)  # a kept entry inside a rebuilt one: a stand-in for its place
    fresh = tei.serialise(tei.build_register(rebuilt, prefix))
    made = _scan(fresh, kind, "<rebuilt>")

    stand_ins = [e for e in made.entries if e.id in kept]  # in document order
    starts = [e.start for e in stand_ins]

    def block(element: _Element) -> bytes:
        """A rebuilt entry's bytes, with the kept entries inside it as they are in `old`."""
        out, pos = [], element.start
        for inner in stand_ins[bisect_left(starts, element.start) : bisect_left(starts, element.end)]:
            if inner.start >= pos:  # not inside a stand-in already replaced
                out += [fresh[pos : inner.start], kept[inner.id]]
                pos = inner.end
        return b"".join([*out, fresh[pos : element.end]])

    tops = {e.id: e for e in made.entries if e.parent is None}
    indent = _indent(fresh, next(iter(tops.values())).start) if tops else b""
    edits: list[tuple[int, int, str, bytes]] = []
    """(start, end, id, replacement): spans of `old` to replace; an insertion has start == end."""
    for element in scan.entries:
        if element.parent is not None or element.id not in rebuilt_ids:
            continue  # kept, or inside a rebuilt entry that carries it
        if element.id in tops:
            edits.append((element.start, element.end, element.id, block(tops.pop(element.id))))
        else:  # now listed inside another entry
            start, end = _whole_lines(old, element.start, element.end)
            edits.append((start, end, element.id, b""))
    first = scan.lists[0]
    if tops and first.open_end == first.end:  # an empty list, written <listPerson/>
        tag = old[first.start : first.end - 2].rstrip()
        name = tag[1:].split()[0]
        inner = b"".join(b"\n" + indent + block(e) for e in tops.values())
        closing = b"\n" + _indent(old, first.start) + b"</" + name + b">"
        edits.append((first.start, first.end, "", tag + b">" + inner + closing))
        tops = {}
    siblings = [e for e in scan.entries if e.parent is None and first.start < e.start < first.end]
    # The first sibling whose id sorts after a new one is the first where the running maximum does.
    highest = list(accumulate((e.id for e in siblings), max))
    for ident, element in tops.items():
        after = bisect_right(highest, ident)
        at = siblings[after].start if after < len(siblings) else old.rindex(b"</", first.start, first.end)
        line = _line_start(old, at)
        if line is not None:
            edits.append((line, line, ident, indent + block(element) + b"\n"))
        else:
            edits.append((at, at, ident, block(element) + b"\n" + indent))
    return _apply(old, edits)


def _apply(data: bytes, edits: list[tuple[int, int, str, bytes]]) -> bytes:
    out, pos = [], 0
    for start, end, _, replacement in sorted(edits, key=lambda e: (e[0], e[1], e[2])):
        out += [data[pos:start], replacement]
        pos = max(pos, end)
    out.append(data[pos:])
    return b"".join(out)


def _inside_curated(element: _Element) -> bool:
    parent = element.parent
    while parent is not None:
        if not parent.proposed:
            return True
        parent = parent.parent
    return False


def _line_start(data: bytes, at: int) -> int | None:
    """Where the line of offset `at` starts, if only spaces and tabs come before `at` on it."""
    start = data.rfind(b"\n", 0, at) + 1
    return start if not data[start:at].strip(b" \t") else None


def _indent(data: bytes, at: int) -> bytes:
    start = _line_start(data, at)
    return data[start:at] if start is not None else b""


def _whole_lines(data: bytes, start: int, end: int) -> tuple[int, int]:
    """The span `start`..`end` widened to its lines when nothing else is on them."""
    line = _line_start(data, start)
    stop = data.find(b"\n", end)
    stop = len(data) if stop < 0 else stop
    if line is None or data[end:stop].strip(b" \t\r"):
        return start, end
    return line, min(stop + 1, len(data))


def _tag_end(data: bytes, start: int) -> int:
    """The offset just after the tag that starts at `start` (a `>` inside a quoted value is skipped)."""
    quote = 0
    for i in range(start + 1, len(data)):
        c = data[i]
        if quote:
            quote = 0 if c == quote else quote
        elif c in b"\"'":
            quote = c
        elif c == 0x3E:  # >
            return i + 1
    return len(data)


def _scan(data: bytes, kind: str, path: str) -> _Scan:
    """The entries and lists of a register file, with their byte spans."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("register in UTF-16: teikit merges into UTF-8 only", Location(path, 1, 1))
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    entry_tag, list_tag = _NS + kind, _NS + "list" + kind.capitalize()
    scan = _Scan([], [])
    stack: list[tuple[str, _Element | None]] = []

    def refuse(*_: object) -> None:
        line = parser.CurrentLineNumber
        raise InputError("a register may not have a DOCTYPE", Location(path, line, 1), code="syntax")

    def declaration(version: str, encoding: str | None, standalone: int) -> None:
        if encoding is not None and encoding.lower().replace("_", "-") not in {"utf-8", "utf8"}:
            raise InputError(f"register in {encoding}: teikit merges into UTF-8 only", Location(path, 1, 1))

    def start(name: str, attrs: dict[str, str]) -> None:
        parent_tag = stack[-1][0] if stack else ""
        element = None
        if name == list_tag or (name == entry_tag and parent_tag in {list_tag, entry_tag}):
            at = parser.CurrentByteIndex
            open_end = _tag_end(data, at)
            element = _Element(
                id=attrs.get(_XML_ID, ""),
                start=at,
                end=open_end if data[open_end - 2 : open_end] == b"/>" else -1,
                open_end=open_end,
                proposed=attrs.get("resp") == "#teikit",
                parent=next((e for n, e in reversed(stack) if n == entry_tag and e is not None), None),
            )
            (scan.lists if name == list_tag else scan.entries).append(element)
        stack.append((name, element))

    def end(name: str) -> None:
        _, element = stack.pop()
        if element is not None and element.end < 0:
            element.end = data.index(b">", parser.CurrentByteIndex) + 1

    parser.StartDoctypeDeclHandler = refuse
    parser.XmlDeclHandler = declaration
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as err:
        message = xml.parsers.expat.errors.messages[err.code]
        raise InputError(
            f"not well-formed: {message}", Location(path, err.lineno, err.offset + 1), code="syntax"
        ) from err
    return scan
