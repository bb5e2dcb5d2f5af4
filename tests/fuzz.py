"""Structure-aware mutation fuzzing of what teikit reads: TEI fed to validate and render, transcripts to convert.

Seeds are real documents: the bundled encodings and registers (encoded/), a few plays of the DraCor
sample beside the clone (../shared/corpora/gerdracor-sample/tei), the bundled transcripts and the
test transcripts (transcripts/, tests/cases/**). Each case takes one seed and applies one to four
mutations that know its structure: for XML, elements deleted, duplicated, renamed, moved or nested
deep, attribute values swapped or replaced by hostile ones (script and data URLs, path-like ids),
text injected (control characters, huge tokens, entities), a DOCTYPE added, the bytes truncated; for
transcripts, lines deleted, repeated, swapped or spliced from another transcript, hostile lines,
other encodings and line endings, truncation.

What must hold for every case:
- no exception but teikit's own (TeikitError and its subclasses): no traceback;
- no hang: a case that takes longer than the time limit is a finding, and one that takes longer than
  the hang limit ends the run with every thread's traceback (faulthandler);
- no file outside the output folder: conversion writes only below its output folder, rendering
  writes nothing, and no path that the hostile values name appears.

Case `i` of seed `s` depends on (s, i) alone, so `--seed s --case i` replays it.

    python tests/fuzz.py --cases 100000 --seed 1 --out fuzz-findings/

The test suite runs a fixed seed and a number of cases that fits its time budget (tests/test_fuzz.py).
"""

from __future__ import annotations

import argparse
import copy
import faulthandler
import random
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parent.parent
DRACOR = REPO.parent / "shared" / "corpora" / "gerdracor-sample" / "tei"
"""The DraCor sample, which CI keeps in shared/ beside the clone."""
DRACOR_PLAYS = 4
"""How many plays of the sample serve as seeds: the smallest, so that a case stays quick."""

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
ESCAPE = "fuzz-escape"
"""The file name every hostile path-like value aims at: it must never appear outside the output."""


# -- seeds ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Seed:
    name: str
    data: bytes


@dataclass(frozen=True)
class Seeds:
    xml: tuple[Seed, ...]
    transcripts: tuple[Seed, ...]


def load_seeds(dracor: Path = DRACOR) -> Seeds:
    """The seed documents. Raises FileNotFoundError when the DraCor sample is not where CI keeps it."""
    if not dracor.is_dir():
        raise FileNotFoundError(
            f"the DraCor sample is missing: expected {dracor} (shared/corpora/ beside the clone)"
        )
    plays = sorted(dracor.glob("*.xml"), key=lambda p: (p.stat().st_size, p.name))[:DRACOR_PLAYS]
    if len(plays) < DRACOR_PLAYS:
        raise FileNotFoundError(f"the DraCor sample in {dracor} has fewer than {DRACOR_PLAYS} plays")
    encoded = sorted((REPO / "encoded").rglob("*.xml"))
    transcripts = sorted((REPO / "transcripts").glob("*.txt")) + sorted(
        p for p in (REPO / "tests" / "cases").rglob("*") if p.suffix in (".txt", ".csv")
    )
    return Seeds(
        xml=tuple(Seed(p.name, p.read_bytes()) for p in [*encoded, *plays]),
        transcripts=tuple(Seed(p.name, p.read_bytes()) for p in transcripts),
    )


# -- hostile values ----------------------------------------------------------------------------------


def hostile_values(outside: Path) -> tuple[str, ...]:
    """Attribute values an attacker would try: script and data URLs, local files, path-like ids."""
    return (
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "http://127.0.0.1:9/x.xml",
        "//evil.example/x",
        f"../{ESCAPE}",
        f"../../{ESCAPE}",
        f"../../../../{ESCAPE}/x",
        f"per:../../{ESCAPE}",
        f"#../{ESCAPE}",
        f"{outside / ESCAPE}",
        f"..\\..\\{ESCAPE}",
        "",
        " ",
        "#",
        "per:",
        "x" * 5000,
        "\u202egnp.exe",
        "a b c",
        "1962-13-45",
        "-99999-01-01",
        "99999999999999999999",
        "%00",
        "<script>alert(1)</script>",
        "\"'><img src=x onerror=alert(1)>",
    )


INJECTIONS = (
    "\u202e\u200f\u200d",
    "\U0001f600\U00010000",
    "e\u0301\u0301\u0301",
    "]]>",
    "<script>alert(1)</script>",
    "&amp;lt;",
    "{{7*7}}${7*7}%s%n",
    "\\",
    "\t\t\f",
    "javascript:alert(1)",
    "\ufeff",
)
"""Text an element can hold (lxml escapes what XML needs escaped)."""

RAW_INJECTIONS = (
    b"\x00",
    b"\x01",
    b"\x1b[31m",
    b"\xff\xfe",
    b"\xc3",
    b"\xed\xa0\x80",
    b"&undefined;",
    b"&#0;",
    b"&#xD800;",
    b"&#1114112;",
    b"&#x1F600;",
    b"&lt;",
    b"<![CDATA[x]]>",
    b"]]>",
    b"<!--",
    b"<?pi x?>",
    b"<!ENTITY x 'y'>",
    b"&",
    b"<",
)
"""Bytes spliced into a serialised document, most of them not well-formed where they land."""


def doctypes(outside: Path) -> tuple[bytes, ...]:
    return (
        b'<!DOCTYPE TEI SYSTEM "http://127.0.0.1:9/tei.dtd">\n',
        b'<!DOCTYPE TEI SYSTEM "file:///etc/passwd">\n',
        f'<!DOCTYPE TEI SYSTEM "{(outside / ESCAPE).as_uri()}">\n'.encode(),
        b'<!DOCTYPE TEI [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n',
        b'<!DOCTYPE TEI [<!ENTITY % p SYSTEM "http://127.0.0.1:9/p.dtd"> %p;]>\n',
        b'<!DOCTYPE TEI [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>\n',
        b'<!DOCTYPE TEI [<!ATTLIST p rend CDATA "javascript:alert(1)">]>\n',
    )


# -- XML mutations -------------------------------------------------------------------------------------


class NotApplicableError(Exception):
    """A mutation that does not apply to this document (lxml refused it, nothing to act on)."""


@dataclass
class XmlCase:
    rng: random.Random
    root: etree._Element
    outside: Path
    applied: list[str] = field(default_factory=list)

    def elements(self) -> list[etree._Element]:
        return [e for e in self.root.iter(etree.Element) if e is not self.root]

    def element(self) -> etree._Element:
        found = self.elements()
        if not found:
            raise NotApplicableError
        return self.rng.choice(found)


def _remove(element: etree._Element) -> None:
    """Remove `element`, keeping its tail text where it was."""
    parent = element.getparent()
    if parent is None:
        raise NotApplicableError
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def x_delete(case: XmlCase) -> str:
    element = case.element()
    _remove(element)
    return f"delete <{etree.QName(element).localname}>"


def x_duplicate(case: XmlCase) -> str:
    element = case.element()
    for _ in range(case.rng.choice([1, 1, 2, 50])):
        element.addnext(copy.deepcopy(element))
    return f"duplicate <{etree.QName(element).localname}>"


def x_rename(case: XmlCase) -> str:
    element = case.element()
    tags = sorted({etree.QName(e).localname for e in case.root.iter(etree.Element)})
    new = case.rng.choice(
        [
            f"{{{TEI_NS}}}{case.rng.choice(tags)}",
            f"{{{TEI_NS}}}{case.rng.choice(tags)}",
            f"{{{TEI_NS}}}script",
            "{http://www.w3.org/1999/xhtml}script",
            "{http://www.w3.org/2001/XInclude}include",
            etree.QName(element).localname,  # out of the TEI namespace
            f"{{{TEI_NS}}}undeclared",
        ]
    )
    if new.endswith("}include"):
        element.set("href", case.rng.choice(["file:///etc/passwd", f"../{ESCAPE}", "http://127.0.0.1:9/x"]))
    old = etree.QName(element).localname
    element.tag = new
    return f"rename <{old}> to {new}"


def x_move(case: XmlCase) -> str:
    element, target = case.element(), case.element()
    if element is target or element in target.iterancestors():
        raise NotApplicableError
    _remove(element)
    element.tail = None
    target.insert(case.rng.randrange(len(target) + 1), element)
    return f"move <{etree.QName(element).localname}> into <{etree.QName(target).localname}>"


def x_nest(case: XmlCase) -> str:
    element = case.element()
    depth = case.rng.choice([2, 10, 100, 300])
    tag = element.tag
    inner = element
    for _ in range(depth):
        wrapper = etree.Element(tag)
        inner.addprevious(wrapper)
        wrapper.append(inner)
        inner = wrapper
    return f"nest <{etree.QName(element).localname}> {depth} deep"


_ATTRIBUTES = ("target", "ref", "who", "facs", "url", XML_ID, "when", "from", "to", "corresp", "sameAs")
_ATTRIBUTES += ("source", "type", "n", "rend", "style", "href", "cert", "resp", "quantity", "unit")


def x_attribute(case: XmlCase) -> str:
    element = case.element()
    names = [*element.attrib.keys(), *_ATTRIBUTES] if case.rng.random() < 0.5 else list(_ATTRIBUTES)
    name = case.rng.choice(names)
    values = [v for e in case.root.iter(etree.Element) for v in e.attrib.values()]
    pool = hostile_values(case.outside)
    value = case.rng.choice(values) if values and case.rng.random() < 0.3 else case.rng.choice(pool)
    try:
        element.set(name, value)
    except ValueError as err:  # lxml refuses some characters
        raise NotApplicableError from err
    return f"@{etree.QName(name).localname}={value[:40]!r} on <{etree.QName(element).localname}>"


def x_swap_attributes(case: XmlCase) -> str:
    owners = [(e, k) for e in case.root.iter(etree.Element) for k in e.attrib.keys()]
    if len(owners) < 2:
        raise NotApplicableError
    (a, ka), (b, kb) = case.rng.sample(owners, 2)
    va, vb = a.get(ka), b.get(kb)
    a.set(ka, vb or "")
    b.set(kb, va or "")
    return f"swap @{etree.QName(ka).localname} and @{etree.QName(kb).localname}"


def x_drop_attribute(case: XmlCase) -> str:
    owners = [(e, k) for e in case.root.iter(etree.Element) for k in e.attrib.keys()]
    if not owners:
        raise NotApplicableError
    element, key = case.rng.choice(owners)
    del element.attrib[key]
    return f"drop @{etree.QName(key).localname}"


def x_text(case: XmlCase) -> str:
    element = case.element()
    what = case.rng.choice(
        [
            *INJECTIONS,
            "x" * case.rng.choice([1000, 10_000, 200_000]),
            " ".join(["word"] * 5000),
            case.rng.choice(hostile_values(case.outside)),
        ]
    )
    try:
        if case.rng.random() < 0.5:
            element.text = (element.text or "") + what
        else:
            element.tail = what + (element.tail or "")
    except ValueError as err:
        raise NotApplicableError from err
    return f"text {what[:30]!r}… ({len(what)} chars)"


def x_comment(case: XmlCase) -> str:
    element = case.element()
    node = case.rng.choice(
        [etree.Comment(" a comment "), etree.ProcessingInstruction("xml-stylesheet", 'href="evil.xsl"')]
    )
    element.addprevious(node)
    return f"insert {type(node).__name__}"


XML_MUTATIONS: tuple[Callable[[XmlCase], str], ...] = (
    x_delete,
    x_delete,
    x_duplicate,
    x_rename,
    x_move,
    x_nest,
    x_attribute,
    x_attribute,
    x_swap_attributes,
    x_drop_attribute,
    x_text,
    x_comment,
)


def b_truncate(rng: random.Random, data: bytes, outside: Path) -> tuple[bytes, str]:
    cut = rng.randrange(len(data) + 1)
    return data[:cut], f"truncate at byte {cut}"


def b_inject(rng: random.Random, data: bytes, outside: Path) -> tuple[bytes, str]:
    at = rng.randrange(len(data) + 1)
    what = rng.choice(RAW_INJECTIONS)
    return data[:at] + what + data[at:], f"bytes {what!r} at {at}"


def b_doctype(rng: random.Random, data: bytes, outside: Path) -> tuple[bytes, str]:
    doctype = rng.choice(doctypes(outside))
    head, sep, rest = data.partition(b"?>")
    if not data.startswith(b"<?xml") or not sep:
        return doctype + data, "doctype"
    return head + sep + b"\n" + doctype + rest, "doctype"


def b_declaration(rng: random.Random, data: bytes, outside: Path) -> tuple[bytes, str]:
    encoding = rng.choice([b"ISO-8859-1", b"UTF-16", b"EBCDIC-US", b"nonsense", b"UTF-32"])
    _, sep, rest = data.partition(b"?>")
    body = rest if sep and data.startswith(b"<?xml") else data
    bom = rng.choice([b"", b"\xef\xbb\xbf", b"\xff\xfe"])
    return (
        bom + b'<?xml version="1.0" encoding="' + encoding + b'"?>' + body,
        f"encoding {encoding!r} {bom!r}",
    )


def b_splice(rng: random.Random, data: bytes, outside: Path) -> tuple[bytes, str]:
    if not data:
        return data, "splice nothing"
    start = rng.randrange(len(data))
    end = min(len(data), start + rng.randrange(1, 2000))
    at = rng.randrange(len(data) + 1)
    return data[:at] + data[start:end] + data[at:], f"splice bytes {start}:{end} at {at}"


BYTE_MUTATIONS = (b_truncate, b_inject, b_doctype, b_declaration, b_splice)


def mutate_xml(rng: random.Random, data: bytes, outside: Path) -> tuple[bytes, list[str]]:
    """`data` (a well-formed XML document) with one to four mutations, and what they were."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
    root = etree.fromstring(data, parser)
    case = XmlCase(rng, root, outside)
    for _ in range(rng.randint(1, 3)):
        mutation = rng.choice(XML_MUTATIONS)
        try:
            case.applied.append(mutation(case))
        except NotApplicableError:
            continue
    out = etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8")
    if rng.random() < 0.35:
        out, what = rng.choice(BYTE_MUTATIONS)(rng, out, outside)
        case.applied.append(what)
    return out, case.applied


# -- transcript mutations ---------------------------------------------------------------------------------


def hostile_lines(rng: random.Random, outside: Path) -> list[str]:
    return [
        "[" * 500 + "x" + "]" * 499,
        "(" * 300,
        "Name (to be abbreviated as " * 50,
        "X" * rng.choice([100, 5000, 100_000]) + ":",
        "Time: 99/99/9999, 25:61",
        "Date: 32.13.1999",
        "1" * 5000,
        "## **" * 200,
        "Citation:",
        "Summary:",
        "\t".join(["cell"] * 200),
        "https://" + "a" * 3000 + ".example/" + ESCAPE,
        f"Source: ../../{ESCAPE}",
        f"Record ID: ../{ESCAPE}",
        "\u202e\u200f" * 100,
        "\U0001f600" * 500,
        "A: B: C: D: E: F:",
        ":" * 1000,
        "— " * 2000,
        "[sic] [illegible] […] [?] [ ]" * 50,
        "10.10.55 01/11/02 1/1/1 2/30/1962 1962-02-30",
        "$1,000,000,000,000,000,000,000 and 3.5 million tons and 99999999999999999999999 percent",
        rng.choice(hostile_values(outside)),
    ]


REPEATS = (2, 3, 50, 300)
"""How many times a line is repeated. Two thousand copies of a long line in one paragraph (2.5 MB)
still take about two minutes to convert (README, Security: known limit)."""


def mutate_text(
    rng: random.Random, data: bytes, others: Sequence[Seed], outside: Path
) -> tuple[bytes, list[str]]:
    """A transcript's bytes with one to four mutations, and what they were."""
    text = data.decode("utf-8", "replace")
    lines = text.split("\n")
    applied: list[str] = []
    for _ in range(rng.randint(1, 4)):
        kind = rng.randrange(10)
        n = len(lines)
        i = rng.randrange(n) if n else 0
        if kind == 0 and n:
            j = min(n, i + rng.randint(1, 20))
            del lines[i:j]
            applied.append(f"delete lines {i}:{j}")
        elif kind == 1 and n:
            times = rng.choice(REPEATS)
            lines[i:i] = [lines[i]] * (times - 1)
            applied.append(f"repeat line {i} ×{times}")
        elif kind == 2 and n > 1:
            j = rng.randrange(n)
            lines[i], lines[j] = lines[j], lines[i]
            applied.append(f"swap lines {i} and {j}")
        elif kind == 3:
            other = rng.choice(others).data.decode("utf-8", "replace").split("\n")
            start = rng.randrange(len(other))
            piece = other[start : start + rng.randint(1, 40)]
            lines[i:i] = piece
            applied.append(f"splice {len(piece)} lines at {i}")
        elif kind == 4:
            line = rng.choice(hostile_lines(rng, outside))
            lines.insert(i, line)
            applied.append(f"insert line {line[:30]!r}…")
        elif kind == 5 and n:
            lines[i] = lines[i].upper() if rng.random() < 0.5 else lines[i][::-1]
            applied.append(f"change case or reverse line {i}")
        elif kind == 6:
            lines = [line for line in lines if line.strip()] if rng.random() < 0.5 else [" ".join(lines)]
            applied.append("drop blank lines or join all")
        elif kind == 7 and n:
            at = rng.randrange(len(lines[i]) + 1)
            what = rng.choice(["\x00", "\x01", "\x0b", "\x1b", "\ufffe", "\x85", "\u2028", "\r", "\f"])
            lines[i] = lines[i][:at] + what + lines[i][at:]
            applied.append(f"character {what!r} in line {i}")
        elif kind == 8 and n:
            lines[i] = lines[i] + " " + rng.choice(INJECTIONS)
            applied.append(f"inject into line {i}")
        else:
            lines = lines[: rng.randrange(n + 1)]
            applied.append("truncate lines")
    text = "\n".join(lines)
    ending = rng.random()
    if ending < 0.1:
        text = text.replace("\n", "\r\n")
        applied.append("CRLF")
    elif ending < 0.15:
        text = text.replace("\n", "\r")
        applied.append("CR")
    encoded = text.encode("utf-8", "surrogatepass")
    encoding = rng.random()
    if encoding < 0.05:
        encoded = b"\xff\xfe" + text.encode("utf-16-le", "surrogatepass")
        applied.append("UTF-16 with BOM")
    elif encoding < 0.1:
        encoded = text.encode("cp1252", "replace")
        applied.append("CP1252")
    elif encoding < 0.15:
        encoded = encoded[: rng.randrange(len(encoded) + 1)]
        applied.append("truncate bytes")
    return encoded, applied


# -- running cases --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    case: int
    target: str
    seed: str
    mutations: tuple[str, ...]
    problem: str
    data: bytes = field(repr=False)

    def __str__(self) -> str:
        return f"case {self.case} ({self.target} of mutated {self.seed}: {'; '.join(self.mutations)}): {self.problem}"


@dataclass
class Report:
    cases: int = 0
    findings: list[Finding] = field(default_factory=list)
    by_target: dict[str, int] = field(default_factory=dict)
    slowest: tuple[float, int] = (0.0, -1)
    seconds: float = 0.0


class Sandbox:
    """A folder for one run: inputs in `in/`, outputs in `out/`; anything else written is an escape."""

    def __init__(self) -> None:
        self.outer = Path(tempfile.mkdtemp(prefix="teikit-fuzz-"))
        self.root = self.outer / "run"
        self.inputs = self.root / "in"
        self.output = self.root / "out"
        self.inputs.mkdir(parents=True)

    def reset(self) -> None:
        shutil.rmtree(self.output, ignore_errors=True)
        for path in self.inputs.iterdir():
            path.unlink()

    def escapes(self) -> list[str]:
        """Paths written where no output belongs: anything in the sandbox beside `in/` and `out/`, and
        anything named like the hostile values' target in the output, the working folder, the
        temporary folder or the root."""
        found = [p for p in self.outer.rglob("*") if not _is_within(p, self.inputs, self.output, self.root)]
        for folder in (Path.cwd(), Path(tempfile.gettempdir()), Path("/")):
            found += folder.glob(f"*{ESCAPE}*")
        found += self.output.rglob(f"*{ESCAPE}*")
        return sorted({str(p) for p in found})

    def close(self) -> None:
        shutil.rmtree(self.outer, ignore_errors=True)


def _is_within(path: Path, *folders: Path) -> bool:
    return any(path == folder or folder in path.parents for folder in folders)


def run(
    cases: int,
    seed: int,
    *,
    first: int = 0,
    seeds: Seeds | None = None,
    time_limit: float = 20.0,
    hang_limit: float = 120.0,
    progress: Callable[[int, Report], None] | None = None,
    starting: Callable[[int, str, bytes], None] | None = None,
) -> Report:
    """Run cases `first` … `first + cases - 1` of `seed` in this process and report what they found.

    :param time_limit: a case that takes longer is a finding.
    :param hang_limit: a case that takes longer ends the process, printing every thread's stack.
    :param starting: called as `starting(case, target, data)` before each case runs (to keep the input
        of a case that hangs).
    """
    from teikit.errors import TeikitError

    seeds = seeds or load_seeds()
    _warm_up(seeds)
    box = Sandbox()
    report = Report()
    start = time.perf_counter()
    try:
        for number in range(first, first + cases):
            rng = random.Random(seed * 1_000_003 + number)
            box.reset()
            target, source, data, mutations, call = _case(rng, seeds, box)
            if starting is not None:
                starting(number, target, data)
            faulthandler.dump_traceback_later(hang_limit, exit=True)
            began = time.perf_counter()
            try:
                call()
            except TeikitError:
                pass
            except BaseException as err:  # noqa: BLE001 - anything else is what the fuzzer is for
                if isinstance(err, KeyboardInterrupt):
                    raise
                where = traceback.extract_tb(err.__traceback__)[-1]
                problem = (
                    f"{type(err).__name__}: {str(err)[:200]} (at {Path(where.filename).name}:{where.lineno})"
                )
                report.findings.append(Finding(number, target, source, tuple(mutations), problem, data))
            finally:
                faulthandler.cancel_dump_traceback_later()
            took = time.perf_counter() - began
            if took > time_limit:
                problem = f"took {took:.1f} s, above the limit of {time_limit:.0f} s"
                report.findings.append(Finding(number, target, source, tuple(mutations), problem, data))
            report.slowest = max(report.slowest, (took, number))
            for path in box.escapes():
                problem = f"wrote outside its output folder: {path}"
                report.findings.append(Finding(number, target, source, tuple(mutations), problem, data))
            report.cases += 1
            report.by_target[target] = report.by_target.get(target, 0) + 1
            if progress is not None:
                progress(number, report)
    finally:
        box.close()
        report.seconds = time.perf_counter() - start
    return report


def _warm_up(seeds: Seeds) -> None:
    """Load what teikit loads once per process (gazetteer, schemas, stylesheets), so that no case is
    charged for it."""
    from teikit import files, pipeline, render
    from teikit.errors import TeikitError
    from teikit.validation import iter_issues

    for seed in seeds.transcripts:  # each seed once: every lazily loaded table is loaded
        try:
            pipeline.convert_text(files.decode(seed.data, seed.name), seed.name)
        except TeikitError:
            pass
    for seed in seeds.xml:
        list(iter_issues(seed.data))
    with tempfile.TemporaryDirectory(prefix="teikit-fuzz-") as tmp:
        path = Path(tmp) / "warm-up.xml"
        path.write_bytes(seeds.xml[0].data)
        for renderer in (render.render_html, render.render_text, render.render_diplomatic):
            renderer(path)


def _case(
    rng: random.Random, seeds: Seeds, box: Sandbox
) -> tuple[str, str, bytes, list[str], Callable[[], object]]:
    """One case: its target, seed name, mutated bytes, mutations, and the call that runs it."""
    from teikit import files as f
    from teikit import pipeline as pl
    from teikit import render as rd
    from teikit.validation import iter_issues

    roll = rng.random()
    if roll < 0.55:  # TEI or a register to validate, and now and then to render
        chosen = rng.choice(seeds.xml)
        data, mutations = mutate_xml(rng, chosen.data, box.outer)
        if rng.random() < 0.2:
            path = box.inputs / "case.xml"
            path.write_bytes(data)
            renderer = rng.choice([rd.render_html, rd.render_text, rd.render_diplomatic])
            return "render", chosen.name, data, mutations, lambda: renderer(path)
        return (
            "validate",
            chosen.name,
            data,
            mutations,
            lambda: list(iter_issues(data, path="case.xml")),
        )
    chosen = rng.choice(seeds.transcripts)
    data, mutations = mutate_text(rng, chosen.data, seeds.transcripts, box.outer)
    suffix = ".csv" if chosen.name.endswith(".csv") else ".txt"
    if suffix == ".txt" and rng.random() < 0.85:
        return (
            "convert",
            chosen.name,
            data,
            mutations,
            lambda: pl.convert_text(f.decode(data, "case.txt"), "case.txt"),
        )
    path = box.inputs / rng.choice(
        [f"case{suffix}", f"a b{suffix}", f"日本{suffix}", f"..{suffix}", f"-x{suffix}"]
    )
    path.write_bytes(data)
    if rng.random() < 0.3:  # a damaged register already in the output folder
        register = rng.choice([s for s in seeds.xml if s.name in ("persons.xml", "places.xml", "orgs.xml")])
        damaged, more = mutate_xml(rng, register.data, box.outer)
        (box.output / "registers").mkdir(parents=True)
        (box.output / "registers" / register.name).write_bytes(damaged)
        mutations = [*mutations, *(f"{register.name}: {m}" for m in more)]
    return "convert-files", chosen.name, data, mutations, lambda: pl.convert_files([path], box.output)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=10_000, help="how many cases (default 10000)")
    parser.add_argument("--seed", type=int, default=0, help="the run's seed (default 0)")
    parser.add_argument("--case", type=int, help="replay this one case of the seed")
    parser.add_argument("--time-limit", type=float, default=20.0, help="seconds a case may take (default 20)")
    parser.add_argument(
        "--hang-limit", type=float, default=120.0, help="seconds before a case counts as hung"
    )
    parser.add_argument(
        "--out",
        type=Path,
        help="a folder to keep each finding's input in (and the running case's, current.*)",
    )
    args = parser.parse_args(argv)
    first, cases = (args.case, 1) if args.case is not None else (0, args.cases)
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)

    def progress(number: int, report: Report) -> None:
        if report.cases % 500 == 0:
            print(f"{report.cases} cases, {len(report.findings)} findings", file=sys.stderr, flush=True)

    def starting(number: int, target: str, data: bytes) -> None:
        if args.out is not None:
            (args.out / "current.txt").write_text(f"seed {args.seed} case {number} ({target})\n")
            (args.out / "current.input").write_bytes(data)

    report = run(
        cases,
        args.seed,
        first=first,
        time_limit=args.time_limit,
        hang_limit=args.hang_limit,
        progress=progress,
        starting=starting,
    )
    for finding in report.findings:
        print(finding)
        if args.out is not None:
            suffix = ".xml" if finding.target in ("validate", "render") else ".txt"
            (args.out / f"seed{args.seed}-case{finding.case}{suffix}").write_bytes(finding.data)
    counts = ", ".join(f"{n} {t}" for t, n in sorted(report.by_target.items()))
    print(
        f"{report.cases} cases ({counts}) in {report.seconds:.0f} s, seed {args.seed}: "
        f"{len(report.findings)} findings; slowest case {report.slowest[1]} took {report.slowest[0]:.2f} s",
        file=sys.stderr,
    )
    return 1 if report.findings else 0


if __name__ == "__main__":
    sys.exit(main())
