"""Document model -> TEI P5 tree (the only place TEI is built), and TEI -> source view (the round trip)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from lxml import etree

from teikit._version import __version__
from teikit.errors import InputError, Location
from teikit.model import Document, Field, FieldList, Header, Inline, Opener, Para, Person, Section, Turn
from teikit.normalize import RULES
from teikit.registers import Entry

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_T = f"{{{TEI_NS}}}"
_XML_ID = f"{{{XML_NS}}}id"
_XML_LANG = f"{{{XML_NS}}}lang"

_ELEMENT_ONLY = frozenset(
    """TEI teiHeader fileDesc titleStmt respStmt publicationStmt sourceDesc encodingDesc appInfo application
    listPrefixDef prefixDef editorialDecl normalization correction profileDesc abstract langUsage textClass keywords settingDesc setting
    particDesc listPerson person listPlace place location listOrg org revisionDesc text front docTitle div body back list sp opener""".split()
)
"""Elements built without text of their own: only these are indented when serialising."""

REGISTERS = {"per": "persons.xml", "pla": "places.xml", "org": "orgs.xml"}
"""Pointer prefix -> register file (beside the encodings, in registers/)."""

_LIST_ATTRS = {
    "fields": {"type": "fields"},
    "bulleted": {"rend": "bulleted"},
    "ordered": {"rend": "numbered"},
}

_DROPPED_IN_SOURCE = ("reg", "corr", "expan")

_HASH_SLOT = re.compile(rb'(<idno type="teikit-sha256">)([0-9a-f]*)(</idno>)')
"""Where the content hash lives (teiHeader/revisionDesc): it tells teikit whether an editor has changed the file."""
"""Children of <choice> that teikit supplies and the source view leaves out."""


def build_tei(doc: Document) -> etree._ElementTree:
    """The TEI P5 encoding of a parsed transcript."""
    root = _el("TEI", {_XML_ID: doc.id, _XML_LANG: doc.header.language_code or "und"})
    root.append(_header(doc))
    text = _sub(root, "text")
    front = _sub(text, "front")
    if doc.doc_date:
        front.append(_para_el(doc.text, doc.doc_date))
    if doc.doc_title:
        title = _sub(front, "docTitle")
        title.append(_para_el(doc.text, doc.doc_title))
    for section in doc.front:
        front.append(_section(doc.text, section))
    div = _sub(_sub(text, "body"), "div", type=doc.header.doc_type)
    for block in doc.body:
        div.append(_block(doc.text, block))
    if doc.back:
        back = _sub(text, "back")
        for section in doc.back:
            back.append(_section(doc.text, section))
    _number_passages(root, text)
    _indent(root)
    return etree.ElementTree(root)


def _number_passages(root: etree._Element, text: etree._Element) -> None:
    """Give every turn and paragraph of `text` a stable xml:id, its permalink and citation target:
    "turn-N" and "p-N", counting turns and paragraphs in document order (the numbers the HTML showed
    before the ids were stored). Converting the same transcript again gives the same ids; an id a
    paragraph already has is kept, and one another element holds gets a suffix ("p-3-2")."""
    taken = {value for el in root.iter() if (value := el.get(_XML_ID)) is not None}
    for tag, prefix in (("sp", "turn"), ("p", "p")):
        for n, el in enumerate(text.iter(f"{_T}{tag}"), start=1):
            if el.get(_XML_ID) is not None:
                continue
            candidate, k = f"{prefix}-{n}", 1
            while candidate in taken:
                k += 1
                candidate = f"{prefix}-{n}-{k}"
            el.set(_XML_ID, candidate)
            taken.add(candidate)


def serialise(tree: etree._ElementTree) -> bytes:
    """UTF-8 bytes with an XML declaration and a final newline, sealed with their content hash when the
    tree has a hash slot (see `is_untouched`)."""
    data = b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(tree, encoding="UTF-8") + b"\n"
    return _HASH_SLOT.sub(lambda m: m[1] + _digest(data).encode() + m[3], data, count=1)


def is_untouched(data: bytes) -> bool | None:
    """Whether an encoding is exactly as teikit wrote it: its recorded hash matches its content.

    None when it records no hash (written by hand or by another tool).
    """
    m = _HASH_SLOT.search(data)
    if m is None or not m[2].strip(b"0"):
        return None
    blank = data[: m.start(2)] + data[m.end(2) :]
    return _digest(blank) == m[2].decode()


def _digest(data: bytes) -> str:
    return hashlib.sha256(_HASH_SLOT.sub(rb"\1\3", data, count=1)).hexdigest()


def parse_tei(source: bytes | str | Path, path: str | None = None) -> etree._ElementTree:
    """Parse TEI safely (no entities, DTDs or network); InputError `syntax` with line and column if malformed."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    name = path or (str(source) if not isinstance(source, bytes) else "<bytes>")
    try:
        if isinstance(source, bytes):
            return etree.ElementTree(etree.fromstring(source, parser))
        return etree.parse(str(source), parser)
    except etree.XMLSyntaxError as err:
        line, col = err.position if err.position else (1, 1)
        raise InputError(
            err.msg or "malformed XML", Location(name, line or 1, (col or 0) + 1), code="syntax"
        ) from err
    except OSError as err:
        raise InputError(f"cannot read: {err}", Location(name, 1, 1), code="not-a-file") from err


def source_text(tree: etree._ElementTree | etree._Element) -> str:
    """The source view: the text of <text>, without what teikit itself added (DESIGN.md §3)."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    text = root if etree.QName(root).localname == "text" else root.find(f"{_T}text")
    if text is None:
        return ""
    out: list[str] = []
    _collect(text, out)
    return "".join(out)


def normalisation_rules(tree: etree._ElementTree) -> tuple[str, ...]:
    """The names of the normalisation rules declared in the header (`normalization/p/@n`)."""
    return tuple(p.get("n", "") for p in tree.iterfind(f".//{_T}normalization/{_T}p") if p.get("n"))


def _collect(el: etree._Element, out: list[str]) -> None:
    if el.text and not _is_added(el):
        out.append(el.text)
    if not _is_added(el):
        for child in el:
            if isinstance(child.tag, str):
                _collect(child, out)
            elif child.tail:
                out.append(child.tail)
    if el.tail:
        out.append(el.tail)


def _is_added(el: etree._Element) -> bool:
    name = etree.QName(el).localname
    parent = el.getparent()
    in_choice = parent is not None and etree.QName(parent).localname == "choice"
    return (in_choice and name in _DROPPED_IN_SOURCE) or (name == "note" and el.get("resp") == "#teikit")


# --- header -----------------------------------------------------------------------------------


def _header(doc: Document) -> etree._Element:
    h = doc.header
    header = _el("teiHeader")
    file_desc = _sub(header, "fileDesc")
    title_stmt = _sub(file_desc, "titleStmt")
    _sub(title_stmt, "title", text=h.title)
    for funder in h.funders:
        _sub(title_stmt, "funder", text=funder)
    _resp(title_stmt, "translation", h.translators)
    _resp(title_stmt, "obtained the document", h.obtainers)
    if h.translated_for:
        stmt = _sub(title_stmt, "respStmt")
        _sub(stmt, "resp", text="translation commissioned by")
        _sub(stmt, "orgName", text=h.translated_for)
    publication = _sub(file_desc, "publicationStmt")
    source = f" published by the {h.publisher}" if h.publisher else ""
    _sub(publication, "p", text=f"TEI encoding generated by teikit from a transcript{source}.")
    _sub(_sub(file_desc, "sourceDesc"), "bibl").extend(_bibl(h))
    header.append(_encoding_desc(doc))
    header.append(_profile_desc(doc))
    change = _sub(
        _sub(header, "revisionDesc"), "change", who="#teikit", text="Generated by teikit; content hash "
    )
    _sub(
        change, "idno", type="teikit-sha256", text="0" * 64
    ).tail = ". Converting again overwrites this file only while the hash matches."
    return header


def _resp(parent: etree._Element, what: str, names: Sequence[str]) -> None:
    if names:
        stmt = _sub(parent, "respStmt")
        _sub(stmt, "resp", text=what)
        for name in names:
            _sub(stmt, "persName", text=name)


def _bibl(h: Header) -> list[etree._Element]:
    parts = [_el("title", text=h.title)]
    if h.date:
        parts.append(_el("date", {"when": h.date}, text=h.date_text or h.date))
    if h.publisher:
        parts.append(_el("publisher", text=h.publisher))
    if h.archive_ref:
        parts.append(_el("idno", {"type": "archive"}, text=h.archive_ref))
    if h.record_id:
        acronym = "".join(w[0] for w in (h.publisher or "record").split() if w[0].isupper()) or "record"
        parts.append(_el("idno", {"type": acronym}, text=h.record_id))
    if h.record_url:
        parts.append(_el("ref", {"target": h.record_url}, text=h.record_url))
    for part in parts[:-1]:
        part.tail = ", "
    return parts


def _encoding_desc(doc: Document) -> etree._Element:
    enc = _el("encodingDesc")
    app = _sub(_sub(enc, "appInfo"), "application", ident="teikit", version=__version__)
    app.set(_XML_ID, "teikit")  # the target of resp="#teikit" on everything teikit adds
    _sub(app, "label", text="teikit")
    prefixes = _sub(enc, "listPrefixDef")
    for prefix, register in REGISTERS.items():
        pdef = _sub(
            prefixes,
            "prefixDef",
            ident=prefix,
            matchPattern="([a-z0-9-]+)",
            replacementPattern=f"registers/{register}#$1",
        )
        _sub(
            pdef, "p", text=f"Pointers {prefix}:id lead to the entry with that id in the {register} register."
        )
    decl = _sub(enc, "editorialDecl")
    norm = _sub(decl, "normalization")
    for rule in doc.normalisation:
        _sub(norm, "p", n=rule, text=RULES[rule][0])
    _sub(
        _sub(decl, "correction"),
        "p",
        text="Corrections by teikit are marked (choice with sic and corr) and never applied in place.",
    )
    return enc


def _profile_desc(doc: Document) -> etree._Element:
    h = doc.header
    profile = _el("profileDesc")
    if h.summary:
        _sub(_sub(profile, "abstract"), "p", text=h.summary)
    usage = _sub(profile, "langUsage")
    if h.original_language:
        _sub(usage, "language", ident=h.original_language_code or "und", text=h.original_language)
    _sub(usage, "language", ident=h.language_code or "und", text=h.language or "unknown")
    _sub(
        _sub(_sub(profile, "textClass"), "keywords"),
        "term",
        type="document-type",
        text=h.doc_type.replace("-", " "),
    )
    if h.setting_date or h.setting_place:
        setting = _sub(_sub(profile, "settingDesc"), "setting")
        if h.setting_date:
            _sub(setting, "date", when=h.setting_date, text=h.setting_date_text or h.setting_date)
        if h.setting_place:
            _sub(
                setting,
                "placeName",
                text=h.setting_place,
                **({"ref": h.setting_place_ref} if h.setting_place_ref else {}),
            )
    if doc.persons:
        profile.append(_partic_desc(doc.persons))
    return profile


def _partic_desc(persons: Iterable[Person]) -> etree._Element:
    partic = _el("particDesc")
    outer = _sub(partic, "listPerson")
    groups: dict[tuple[str | None, str | None], etree._Element] = {}
    for person in persons:
        kind = "side" if person.side else ("staff" if person.roles != ("participant",) else None)
        key = (kind, person.side)
        if key not in groups:
            groups[key] = _sub(outer, "listPerson", **({"type": kind} if kind else {}))
            if person.side:
                _sub(groups[key], "head", text=person.side)
        entry = _sub(groups[key], "person", role=" ".join(person.roles), sameAs=f"per:{person.id}")
        entry.set(_XML_ID, person.id)
        _sub(entry, "persName", text=person.name)
        for variant in person.variants:
            _sub(entry, "persName", type="variant", text=variant)
        for title in person.titles:
            _sub(entry, "occupation", text=title)
    return partic


# --- text -------------------------------------------------------------------------------------


def _section(text: str, section: Section) -> etree._Element:
    div = _el("div", {"type": section.key})
    if section.head is not None:
        div.append(_span_el(text, "head", section.head.start, section.head.end, ()))
    for para in section.paras:
        div.append(_para_el(text, para))
    for sub in section.sections:
        div.append(_section(text, sub))
    return div


def _block(text: str, block: Opener | FieldList | Turn | Para) -> etree._Element:
    if isinstance(block, Opener):
        opener = _el("opener")
        for i, line in enumerate(block.lines):
            if i:
                _sub(opener, "lb").tail = "\n"
            opener.append(_para_el(text, line))
        return opener
    if isinstance(block, FieldList):
        lst = _el("list", _LIST_ATTRS[block.kind])
        for item in block.fields:
            lst.extend(_field(text, item))
        return lst
    if isinstance(block, Turn):
        sp = _el("sp", {"who": f"#{block.who}"})
        sp.append(_span_el(text, "speaker", block.speaker.start, block.speaker.end, block.speaker_inlines))
        for part in block.paras:
            sp.append(_block(text, part))
        return sp
    return _para_el(text, block)


def _field(text: str, item: Field) -> list[etree._Element]:
    return [_span_el(text, "label", item.label.start, item.label.end, ()), _para_el(text, item.value)]


def _para_el(text: str, para: Para) -> etree._Element:
    el = _span_el(text, para.tag, para.span.start, para.span.end, para.inlines)
    for name, value in para.attrs:
        el.set(_XML_ID if name == "xml:id" else name, value)
    return el


def _span_el(text: str, tag: str, start: int, end: int, inlines: Sequence[Inline]) -> etree._Element:
    el = _el(tag)
    # milestones (empty) before the elements that start where they stand; outer before inner
    _fill(el, text, start, end, sorted(inlines, key=lambda i: (i.start, i.start != i.end, -i.end)))
    return el


def _contains(outer: Inline, inner: Inline) -> bool:
    if outer.start == outer.end:
        return False
    if inner.start == inner.end:
        return outer.start < inner.start < outer.end
    return outer.start <= inner.start and inner.end <= outer.end


def _fill(el: etree._Element, text: str, start: int, end: int, inlines: Sequence[Inline]) -> None:
    """Mixed content for text[start:end]: nested inlines become child elements, the rest text."""
    pos, last, i = start, None, 0
    while i < len(inlines):
        outer = inlines[i]
        j = i + 1
        while j < len(inlines) and _contains(outer, inlines[j]):
            j += 1
        if outer.start < pos:
            i = j  # crosses an earlier sibling: leave it out rather than duplicate text
            continue
        _add_text(el, last, text[pos : outer.start])
        child = _el(outer.tag, dict(outer.attrs))
        _fill(child, text, outer.start, outer.end, inlines[i + 1 : j])
        for tag, added in outer.added:
            _sub(child, tag, text=added, resp="#teikit")
        el.append(child)
        last, pos, i = child, outer.end, j
    _add_text(el, last, text[pos:end])


def _add_text(el: etree._Element, last: etree._Element | None, s: str) -> None:
    if not s:
        return
    if last is None:
        el.text = (el.text or "") + s
    else:
        last.tail = (last.tail or "") + s


def _indent(el: etree._Element, level: int = 0) -> None:
    if etree.QName(el).localname not in _ELEMENT_ONLY or not len(el):
        return
    inner = "\n" + "  " * (level + 1)
    if not (el.text or "").strip():
        el.text = inner
    for child in el:
        if not (child.tail or "").strip():
            child.tail = inner
        _indent(child, level + 1)
    el[-1].tail = "\n" + "  " * level if not (el[-1].tail or "").strip() else el[-1].tail


def _el(tag: str, attrs: dict[str, str] | None = None, *, text: str | None = None) -> etree._Element:
    el = etree.Element(f"{_T}{tag}", nsmap={None: TEI_NS} if tag == "TEI" else None)
    for name, value in (attrs or {}).items():
        el.set(_XML_ID if name == "xml:id" else name, value)
    if text is not None:
        el.text = text
    return el


def _sub(parent: etree._Element, tag: str, *, text: str | None = None, **attrs: str) -> etree._Element:
    el = _el(tag, attrs, text=text)
    parent.append(el)
    return el


# --- registers --------------------------------------------------------------------------------


_REGISTER_KINDS = {
    "per": ("person", "persName", "Persons register"),
    "pla": ("place", "placeName", "Places register"),
    "org": ("org", "orgName", "Organisations register"),
}


def build_register(entries: Sequence[Entry], prefix: str = "per") -> etree._ElementTree:
    """A register as TEI: one person (or place) per entry, proposals marked resp="#teikit"."""
    kind, name_tag, title = _REGISTER_KINDS[prefix]
    root = _el("TEI", {_XML_ID: f"{kind}s-register", _XML_LANG: "en"})
    header = _sub(root, "teiHeader")
    file_desc = _sub(header, "fileDesc")
    _sub(_sub(file_desc, "titleStmt"), "title", text=title)
    _sub(
        _sub(file_desc, "publicationStmt"),
        "p",
        text='Maintained with teikit. Entries with resp="#teikit" are '
        "proposals teikit may update; remove the mark to curate an entry, and teikit will leave it alone.",
    )
    _sub(_sub(file_desc, "sourceDesc"), "bibl", text="The encodings in the folder above this one.")
    app = _sub(
        _sub(_sub(header, "encodingDesc"), "appInfo"),
        "application",
        ident="teikit",
        version=__version__,
    )
    app.set(_XML_ID, "teikit")
    _sub(app, "label", text="teikit")
    listing = _sub(_sub(_sub(_sub(root, "text"), "body"), "div", type="register"), f"list{kind.capitalize()}")
    elements: dict[str, etree._Element] = {}
    for entry in entries:
        person = _sub(listing, kind, **({"resp": "#teikit"} if entry.proposed else {}))
        person.set(_XML_ID, entry.id)
        elements[entry.id] = person
        if entry.kind:
            person.set("type", entry.kind)
        if entry.same_as:
            person.set("sameAs", f"#{entry.same_as}")
        _sub(person, name_tag, text=entry.name)
        for variant in entry.variants:
            _sub(person, name_tag, type="variant", text=variant)
        for title in entry.titles:
            sources = [f"../{doc}.xml" for t, doc in entry.title_sources if t == title]
            _sub(person, "occupation", **({"source": " ".join(sources)} if sources else {}), text=title)
        if entry.latitude is not None and entry.longitude is not None:
            _sub(_sub(person, "location"), "geo", text=f"{entry.latitude} {entry.longitude}")
        if entry.geonames is not None:
            _sub(person, "idno", type="geonames", text=str(entry.geonames))
        if entry.iso:
            _sub(person, "idno", type="ISO3166", text=entry.iso)
        if entry.attested:
            note = _sub(person, "note", type="attestation")
            for n, doc in enumerate(entry.attested):
                _sub(note, "ref", target=f"../{doc}.xml", text=doc).tail = (
                    ", " if n < len(entry.attested) - 1 else None
                )
    for entry in entries:  # a place inside another (a hall of a building) is listed inside it
        parent = elements.get(entry.within or "")
        if (
            parent is not None
            and elements[entry.id] not in parent.iterancestors()
            and parent is not elements[entry.id]
        ):
            parent.append(elements[entry.id])
    _indent(root)
    return etree.ElementTree(root)


def parse_register(source: bytes | str | Path, path: str | None = None) -> list[Entry]:
    """The entries of a register file (see `build_register`); `path` names it in messages."""
    tree = parse_tei(source, path)
    name = path or (str(source) if not isinstance(source, bytes) else "<bytes>")

    def number(kind: type[int] | type[float], text: str, element: etree._Element) -> int | float:
        try:
            return kind(text)
        except ValueError:
            where = Location(name, element.sourceline or 1, 1)
            raise InputError(f"not a number: {text!r}", where, code="syntax") from None

    entries = []
    for person in tree.xpath(
        "//t:listPerson/t:person | //t:listPlace//t:place | //t:listOrg/t:org", namespaces={"t": TEI_NS}
    ):
        parent = person.getparent()
        names = person.xpath("t:persName | t:placeName | t:orgName", namespaces={"t": TEI_NS})
        geo = (person.findtext(f"{_T}location/{_T}geo") or "").split()
        coordinates = [number(float, g, person) for g in geo] if len(geo) == 2 else [None, None]
        geonames = person.findtext(f"{_T}idno[@type='geonames']")
        entries.append(
            Entry(
                geonames=int(number(int, geonames, person)) if geonames else None,
                iso=person.findtext(f"{_T}idno[@type='ISO3166']"),
                latitude=coordinates[0],
                longitude=coordinates[1],
                id=person.get(_XML_ID, ""),
                name=(names[0].text or "") if names else "",
                variants=tuple(n.text or "" for n in names[1:]),
                titles=tuple(o.text or "" for o in person.iterfind(f"{_T}occupation")),
                title_sources=tuple(
                    (o.text or "", Path(source).stem)
                    for o in person.iterfind(f"{_T}occupation")
                    for source in o.get("source", "").split()
                ),
                attested=tuple(
                    r.text or "" for r in person.iterfind(f"{_T}note[@type='attestation']/{_T}ref")
                ),
                proposed=person.get("resp") == "#teikit",
                kind=person.get("type"),
                within=parent.get(_XML_ID) if parent is not None and parent.tag == f"{_T}place" else None,
                same_as=person.get("sameAs", "").removeprefix("#") or None,
            )
        )
    return entries
