"""Validate TEI with lxml against teikit's RelaxNG and Schematron; every problem is an Issue with its line.

Four ways to ask (STYLE pattern 1), all with the same parameters: `validate` returns a Report,
`iter_issues` yields every Issue, `is_valid` answers with a bool, `assert_valid` raises InvalidDocument. Only issues of
severity "error" make a document invalid. Schemas are compiled once per process, on first use;
validators are not shared safely between threads.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from teikit import pruning
from teikit.errors import DOCTYPE_REFUSED, InvalidDocument, Location, SchemaError
from teikit.model import Issue, Report
from teikit.resources import schema_path
from teikit.schema import SEVERITIES
from teikit.schematron import Schematron
from teikit.sources import XmlSource, check_type, xml_input

if TYPE_CHECKING:
    from lxml.etree import _Element as Element
    from lxml.etree import _ElementTree as ElementTree
    from lxml.etree import _LogEntry as LogEntry

__all__ = ["Report", "Source", "assert_valid", "is_valid", "iter_issues", "validate"]

Source = XmlSource
"""A TEI document: a file path, a str or bytes of XML, or an lxml tree or element (teikit.sources)."""

_R = "{http://relaxng.org/ns/structure/1.0}"
_XML = "{http://www.w3.org/XML/1998/namespace}"
_TEI = "{http://www.tei-c.org/ns/1.0}"
_REPEATED = {"RELAXNG_ERR_EXTRACONTENT", "RELAXNG_ERR_CONTENTVALID"}
"""lxml's second entry for an error it has already reported more precisely at the same node."""


def validate(
    source: XmlSource,
    *,
    path: str | None = None,
    schema: str | PathLike[str] | None = None,
    schematron: bool = True,
) -> Report:
    """Validate one TEI document: a Report of every issue (XML syntax, RelaxNG, Schematron), sorted by line.

    :param source: a file path (str or path-like), the XML as a `str` (starting with `<`) or `bytes`,
        or an lxml tree or element.
    :param path: the file name issues carry; default: the path as given, or `<string>`, `<bytes>`, `<tree>`.
    :param schema: a RelaxNG grammar; a Schematron file beside it with the same stem is used too.
        Default: the bundled `teikit.rng` and `teikit.sch`.
    :param schematron: False checks the grammar only (faster; no reference or date rules).
    Raises ArgumentError for an argument of the wrong type, InputError when the file cannot be read,
    SchemaError when a schema cannot be loaded. An invalid document raises nothing: see `Report.ok`.
    """
    name, issues = _issues(source, path, schema, schematron, "validate")
    return Report(path=name, issues=tuple(issues))


def iter_issues(
    source: XmlSource,
    *,
    path: str | None = None,
    schema: str | PathLike[str] | None = None,
    schematron: bool = True,
) -> Iterator[Issue]:
    """Every problem in `source`, sorted by line; arguments and errors as for `validate`."""
    return iter(_issues(source, path, schema, schematron, "iter_issues")[1])


def is_valid(
    source: XmlSource,
    *,
    path: str | None = None,
    schema: str | PathLike[str] | None = None,
    schematron: bool = True,
) -> bool:
    """True when `source` has no issue of severity "error"; arguments and errors as for `validate`."""
    _, issues = _issues(source, path, schema, schematron, "is_valid")
    return not any(issue.severity == "error" for issue in issues)


def assert_valid(
    source: XmlSource,
    *,
    path: str | None = None,
    schema: str | PathLike[str] | None = None,
    schematron: bool = True,
) -> None:
    """Raise InvalidDocument, carrying every issue, when `source` has an error; arguments as for `validate`."""
    _, issues = _issues(source, path, schema, schematron, "assert_valid")
    errors = [issue for issue in issues if issue.severity == "error"]
    if errors:
        first = errors[0]
        message = f"{len(errors)} validation error(s); the first: {first.message} [{first.rule}]"
        raise InvalidDocument(message, issues, Location(first.path, first.line, first.column))


def _issues(
    source: object, path: object, schema: object, schematron: object, function: str
) -> tuple[str, list[Issue]]:
    """The name of `source` and its issues, sorted, once every argument is checked."""
    check_type(path, (str, type(None)), function=function, parameter="path", what="a file name (str) or None")
    check_type(
        schema,
        (str, PathLike, type(None)),
        function=function,
        parameter="schema",
        what="a path to a RelaxNG grammar",
    )
    check_type(schematron, bool, function=function, parameter="schematron", what="True or False")
    assert path is None or isinstance(path, str)
    assert schema is None or isinstance(schema, str | PathLike)
    given = xml_input(source, function=function, name=path)
    tree, issues = _parse(given.read(), given.name)
    if tree is not None:
        schemas = _schemas(Path(schema) if schema is not None else None)
        issues += _Rng(schemas.grammar, tree, given.name).issues(schemas.relaxng(tree))
        if schemas.sch is not None and schematron:
            issues += _schematron_issues(schemas.sch, tree, given.name)
    return given.name, sorted(issues, key=lambda issue: (issue.line, issue.column))


# -- reading and parsing ------------------------------------------------------------------------


def _parser(*, recover: bool) -> etree.XMLParser:
    # Untrusted input: no entity expansion, no DTD, no network, libxml2's size limits kept.
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=recover
    )


def _parse(data: bytes, name: str) -> tuple[ElementTree | None, list[Issue]]:
    """The parsed tree (None when the XML is malformed) and the parser's issues."""
    parser = _parser(recover=False)
    try:
        tree = etree.fromstring(data, parser).getroottree()
        return tree, _doctype_issues(tree, data, name) + _entity_issues(tree, name)
    except etree.XMLSyntaxError as err:
        entries = list(parser.error_log)
        if not entries:
            line, column = (max(n, 1) for n in err.position)
            return None, [Issue(path=name, line=line, column=column, message=err.msg, rule="xml-syntax")]
    fatal = next((i for i, e in enumerate(entries) if e.level == etree.ErrorLevels.FATAL), None)
    root = None if fatal is not None else etree.fromstring(data, _parser(recover=True))
    if root is None:
        return None, [_syntax_issue(e, name, None) for e in entries[: (fatal or 0) + 1]]
    # Only id errors (duplicate or malformed xml:id): the tree is sound, so go on and validate it.
    tree = root.getroottree()
    return tree, (
        [_syntax_issue(e, name, tree) for e in entries]
        + _doctype_issues(tree, data, name)
        + _entity_issues(tree, name)
    )


def _syntax_issue(entry: LogEntry, name: str, tree: ElementTree | None) -> Issue:
    line, column = max(entry.line, 1), max(entry.column, 1)
    if entry.type_name == "DTD_ID_REDEFINED" and tree is not None:
        value = entry.message.removeprefix("ID ").removesuffix(" already defined")
        first = tree.xpath("//*[@xml:id = $v]", v=value)
        where = f" (first at line {first[0].sourceline})" if first else ""
        message = f'xml:id "{value}" already defined{where}'
        return Issue(path=name, line=line, column=column, message=message, rule="id-unique")
    return Issue(path=name, line=line, column=column, message=entry.message.strip(), rule="xml-syntax")


def _doctype_issues(tree: ElementTree, data: bytes, name: str) -> list[Issue]:
    """A DOCTYPE is refused, as render refuses it: the parser read none of it (no DTD loaded, no
    entity expanded, nothing fetched), and a document is not to depend on one."""
    if not tree.docinfo.doctype:
        return []
    start = data.find(b"<!DOCTYPE")
    line = data[:start].count(b"\n") + 1 if start >= 0 else 1
    column = start - data.rfind(b"\n", 0, start) if start >= 0 else 1
    return [Issue(path=name, line=line, column=column, message=DOCTYPE_REFUSED, rule="xml-syntax")]


def _entity_issues(tree: ElementTree, name: str) -> list[Issue]:
    note = "is not expanded (teikit reads no DTD and no external file): write its text out"
    return [
        Issue(
            path=name,
            line=_line(ref),
            column=1,
            rule="xml-syntax",
            message=f"entity reference &{ref.name}; {note}",
        )
        for ref in tree.iter(etree.Entity)
        if isinstance(ref, etree._Entity)
    ]


def _line(node: Element) -> int:
    current: Element | None = node
    while current is not None and not current.sourceline:
        current = current.getparent()
    return current.sourceline if current is not None and current.sourceline else 1


def _in(node: Element, tag: str) -> bool:
    """Whether `node`'s parent is a `tag` element."""
    parent = node.getparent()
    return parent is not None and parent.tag == tag


# -- schemas ------------------------------------------------------------------------------------


PRUNED_ABOVE = 200
"""Grammars with more element patterns than this (tei_all.rng has 595; teikit.rng about 100) are not
compiled whole: each process compiles one pruned to the element names of the documents it has seen
(teikit.pruning, exact for them), again with a larger set when a document brings a new name."""


@dataclass(frozen=True)
class _Schemas:
    """One grammar compiled for lxml, the Schematron beside it, and the grammar indexed for messages."""

    full: etree.RelaxNG | None
    """The whole grammar compiled; None for a large one until a pruned one cannot be compiled."""
    sch: Schematron | None
    grammar: _Grammar
    tree: ElementTree
    path: str
    pruned: dict[str, object]
    """The last pruned grammar ("rng") and the element names it was pruned to ("names")."""

    def relaxng(self, document: ElementTree) -> etree.RelaxNG:
        """The compiled grammar to validate `document` with: the whole, or one pruned to a set of
        element names that holds every name `document` uses. Raises SchemaError."""
        if self.full is not None:
            return self.full
        names = pruning.element_names(document)
        known = self.pruned.get("names", frozenset())
        assert isinstance(known, frozenset)
        if not names <= known:
            names |= known
            try:
                rng = etree.RelaxNG(pruning.prune(self.tree, names))
            except etree.RelaxNGParseError:  # what libxml2 refuses in a pruned grammar, the whole decides
                rng = _compile(self.tree, self.path)
                object.__setattr__(self, "full", rng)
            self.pruned.update(rng=rng, names=names)
        found = self.pruned["rng"]
        assert isinstance(found, etree.RelaxNG)
        return found


def _compile(tree: ElementTree, path: str) -> etree.RelaxNG:
    try:
        return etree.RelaxNG(tree)
    except etree.RelaxNGParseError as err:
        raise SchemaError(f"cannot load schema: {err}", Location(path)) from err


def _schemas(rng_path: Path | None) -> _Schemas:
    # Cached by the path as given too: resolving it for every document costs a few system calls.
    return _schemas_at(rng_path) if rng_path is not None else _bundled_schemas()


@cache
def _schemas_at(rng_path: Path) -> _Schemas:
    return _load_schemas(str(Path(rng_path).resolve()))


@cache
def _bundled_schemas() -> _Schemas:
    return _schemas_at(schema_path("teikit.rng"))


@cache
def _load_schemas(rng_path: str) -> _Schemas:
    try:
        rng_tree = etree.parse(rng_path)
        large = sum(1 for _ in rng_tree.getroot().iter(_R + "element")) > PRUNED_ABOVE
        rng = None if large else _compile(rng_tree, rng_path)
        sch_path = Path(rng_path).with_suffix(".sch")
        sch = Schematron(sch_path) if sch_path.is_file() else None
    except (OSError, etree.XMLSyntaxError) as err:
        raise SchemaError(f"cannot load schema: {err}", Location(rng_path)) from err
    return _Schemas(rng, sch, _Grammar(rng_tree.getroot()), rng_tree, rng_path, {})


class _Grammar:
    """What a (flat) grammar says about each element: the facts lxml's messages leave out."""

    def __init__(self, root: Element) -> None:
        self.defines = {d.get("name", ""): d for d in root.iter(_R + "define")}
        self.elements = {e.get("name", ""): e for e in root.iter(_R + "element") if e.get("name")}

    def attributes(self, element: str) -> dict[str, tuple[bool, Element]]:
        """Declared attributes of `element`: name -> (required, the attribute pattern)."""
        pattern = self.elements.get(element)
        if pattern is None:
            return {}
        return {a.get("name", ""): (not _in(a, _R + "optional"), a) for a in pattern.iter(_R + "attribute")}

    def children(self, element: str) -> _Children:
        """What the content model of `element` says about its child elements."""
        found = _Children(set(), set(), set())
        pattern = self.elements.get(element)
        if pattern is not None:
            found.required.update(self._walk(pattern, found, set(), needed=True))
        return found

    def _walk(
        self, pattern: Element, found: _Children, seen: set[tuple[str, bool]], *, needed: bool
    ) -> set[str]:
        """Walk a content pattern, filling `found`; return the children it requires."""
        tag = etree.QName(pattern).localname
        if tag == "ref":
            return self._walk_ref(pattern.get("name", ""), found, seen, needed=needed)
        optional = tag in ("optional", "zeroOrMore", "attribute")
        required = [
            self._walk(c, found, seen, needed=needed and not optional) for c in pattern.iterchildren(_R + "*")
        ]
        if optional or not required:
            return set()
        return set.intersection(*required) if tag == "choice" else set().union(*required)

    def _walk_ref(
        self, name: str, found: _Children, seen: set[tuple[str, bool]], *, needed: bool
    ) -> set[str]:
        define = self.defines.get(name)
        target = define.find(_R + "element") if define is not None else None
        if target is not None:
            found.allowed.add(target.get("name", name))
            if needed:
                found.options.add(target.get("name", name))
            return {target.get("name", name)}
        if define is None or (name, needed) in seen:
            return set()
        seen.add((name, needed))
        return set().union(
            *[self._walk(c, found, seen, needed=needed) for c in define.iterchildren(_R + "*")]
        )


@dataclass(frozen=True)
class _Children:
    """Child elements of one element's content model."""

    required: set[str]
    """Those every valid instance contains."""
    options: set[str]
    """Those that can fill a required position (the choices of a required alternation)."""
    allowed: set[str]
    """All those the content model allows."""


# -- RelaxNG --------------------------------------------------------------------------------------


class _Rng:
    """Runs RelaxNG and rewrites lxml's log: one issue per problem, naming what is wrong, at its line."""

    def __init__(self, grammar: _Grammar, tree: ElementTree, name: str) -> None:
        self.grammar, self.tree, self.name = grammar, tree, name

    def issues(self, rng: etree.RelaxNG) -> list[Issue]:
        if rng.validate(self.tree):
            return []
        entries = list(rng.error_log)
        paths = {e.path for e in entries if e.type_name not in _REPEATED}
        found: dict[tuple[int, str], Issue] = {}
        for entry in entries:
            if entry.type_name in _REPEATED and entry.path in paths:
                continue
            for issue in self._explain(entry):
                found.setdefault((issue.line, issue.message), issue)
        return list(found.values())

    def _issue(self, node: Element | None, message: str, line: int | None = None) -> Issue:
        line = line or (_line(node) if node is not None else 1)
        return Issue(path=self.name, line=line, column=1, message=message, rule="rng")

    def _explain(self, entry: LogEntry) -> list[Issue]:
        node = self._node(entry)
        kind = entry.type_name
        if node is None:
            return [self._issue(None, entry.message, max(entry.line, 1))]
        if kind == "RELAXNG_ERR_INVALIDATTR":
            return self._attribute_issues(node, entry)
        if kind == "RELAXNG_ERR_ATTRVALID":
            # lxml's path points at the first child here; the message names the element itself.
            named = entry.message.removeprefix("Element ").split(" ")[0]
            owner = next((n for n in node.iterancestors() if etree.QName(n).localname == named), node)
            return self._attribute_issues(node if etree.QName(node).localname == named else owner, entry)
        if kind in (
            "RELAXNG_ERR_ELEMWRONG",
            "RELAXNG_ERR_ELEMNAME",
            "RELAXNG_ERR_ELEMWRONGNS",
            "RELAXNG_ERR_ELEMNONS",
        ):
            return [self._issue(node, self._misplaced(node))]
        if kind == "RELAXNG_ERR_TEXTWRONG" or (
            kind == "RELAXNG_ERR_EXTRACONTENT" and entry.message.endswith(": text")
        ):
            return [self._stray_text(node)]
        if kind == "RELAXNG_ERR_NOELEM":
            return [self._issue(node, self._incomplete(node))]
        return [self._issue(node, entry.message)]

    def _node(self, entry: LogEntry) -> Element | None:
        if not entry.path:
            return None
        try:
            found = self.tree.xpath(entry.path)
        except etree.XPathError:  # libxml2 names a foreign element by a prefix the path cannot resolve
            return None
        return (
            found[0] if isinstance(found, list) and found and isinstance(found[0], etree._Element) else None
        )

    def _misplaced(self, node: Element) -> str:
        qname = etree.QName(node)
        parent = node.getparent()
        inside = f' (inside "{etree.QName(parent).localname}")' if parent is not None else ""
        if qname.namespace != _TEI[1:-1]:
            where = f'namespace "{qname.namespace}"' if qname.namespace else "no namespace"
            return f'element "{qname.localname}" in {where} not allowed: TEI elements are in "{_TEI[1:-1]}"'
        if qname.localname not in self.grammar.elements:
            return f'element "{qname.localname}" not allowed anywhere: the schema does not declare it'
        return f'element "{qname.localname}" not allowed here{inside}'

    def _incomplete(self, node: Element) -> str:
        element = etree.QName(node).localname
        children = self.grammar.children(element)
        present = {etree.QName(child).localname for child in node.iterchildren(etree.Element)}
        if missing := sorted(children.required - present):
            plural = "s" if len(missing) > 1 else ""
            return (
                f'element "{element}" incomplete; missing required element{plural} {_names(missing, "and")}'
            )
        expected = sorted(children.options or children.allowed)
        return f'element "{element}" incomplete; expected element {_names(expected, "or")}'

    def _stray_text(self, node: Element) -> Issue:
        element = etree.QName(node).localname
        for text, line in _texts(node):
            if text.strip():
                snippet = " ".join(text.split())
                snippet = snippet if len(snippet) <= 40 else snippet[:39] + "…"
                return self._issue(node, f'text not allowed inside element "{element}": "{snippet}"', line)
        return self._issue(node, f'text not allowed inside element "{element}"')

    def _attribute_issues(self, node: Element, entry: LogEntry) -> list[Issue]:
        element = etree.QName(node).localname
        declared = self.grammar.attributes(element)
        problems = [
            f'element "{element}" missing required attribute "{name}"'
            for name, (required, _) in declared.items()
            if required and name not in _attribute_names(node)
        ]
        for name, value in _attribute_names(node).items():
            if name not in declared:
                problems.append(f'attribute "{name}" not allowed on element "{element}"')
            elif _is_known_bad(name, value, declared[name][1]):
                problems.append(_bad_value(element, name, value, declared[name][1]))
        if not problems:
            problems = self._reported_attribute(node, element, entry, declared)
        return [self._issue(node, message) for message in problems]

    def _reported_attribute(
        self, node: Element, element: str, entry: LogEntry, declared: dict[str, tuple[bool, Element]]
    ) -> list[str]:
        """The attribute lxml names, when only a datatype check can tell what is wrong with it."""
        reported = entry.message.removeprefix("Invalid attribute ").split(" for element ")[0]
        for name, value in _attribute_names(node).items():
            if name.split(":")[-1] == reported and name in declared:
                if name == "xml:id" and _is_id_error(self.tree, value):
                    return []  # already reported by the parser (id-unique or xml-syntax)
                return [_bad_value(element, name, value, declared[name][1])]
        return [entry.message]


def _attribute_names(node: Element) -> dict[str, str]:
    names = {}
    for key, value in node.attrib.items():
        qname = etree.QName(key)
        prefix = (
            "xml:" if qname.namespace == _XML[1:-1] else f"{{{qname.namespace}}}" if qname.namespace else ""
        )
        names[prefix + qname.localname] = value
    return names


def _is_known_bad(name: str, value: str, attribute: Element) -> bool:
    """True when the attribute takes only listed values and `value` is not one of them."""
    if attribute.find(f".//{_R}data") is not None or name == "xml:id":
        return False
    allowed = {v.text or "" for v in attribute.iter(_R + "value")}
    tokens = value.split() if attribute.find(f".//{_R}list") is not None else [" ".join(value.split())]
    return not tokens or any(token not in allowed for token in tokens)


def _is_id_error(tree: ElementTree, value: str) -> bool:
    return len(tree.xpath("//@xml:id[. = $v]", v=value)) > 1 or not _is_ncname(value)


def _is_ncname(value: str) -> bool:
    try:
        etree.QName(None, value)
    except ValueError:
        return False
    return ":" not in value


def _bad_value(element: str, name: str, value: str, attribute: Element) -> str:
    values = [f'"{v.text or ""}"' for v in attribute.iter(_R + "value")]
    types = list(dict.fromkeys(_datatype(d) for d in attribute.iter(_R + "data")))
    parts = ([f"one of {', '.join(values)}" if len(values) > 1 else values[0]] if values else []) + (
        [f"of type {', '.join(types)}"] if types else []
    )
    expected = " or ".join(parts)
    if attribute.find(f".//{_R}list") is not None:
        expected = f"a space-separated list, each {expected}"
    return f'value "{value}" of attribute "{name}" on element "{element}" is invalid; must be {expected}'


def _datatype(data: Element) -> str:
    """A datatype as the schema restricts it: "anyURI", or "anyURI matching /pattern/"."""
    pattern = data.find(f"{_R}param[@name='pattern']")
    kind = data.get("type", "")
    return f"{kind} matching /{pattern.text}/" if pattern is not None and pattern.text else kind


def _names(names: list[str], conjunction: str) -> str:
    quoted = [f'"{n}"' for n in names]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} {conjunction} {quoted[-1]}"


def _texts(node: Element) -> Iterator[tuple[str, int]]:
    """The text pieces directly inside `node`, each with the line where its first word stands."""
    children = list(node.iterchildren())
    for text, after, before in [(node.text, node, children[0] if children else None)] + [
        (child.tail, child, children[i + 1] if i + 1 < len(children) else None)
        for i, child in enumerate(children)
    ]:
        if text and text.strip():
            start = len(text) - len(text.lstrip())
            if before is not None and before.sourceline:
                yield text, before.sourceline - text.count("\n", start)
            else:
                yield text, (after.sourceline or 1) + (text.count("\n", 0, start) if after is node else 0)


# -- Schematron -----------------------------------------------------------------------------------


def _schematron_issues(sch: Schematron, tree: ElementTree, name: str) -> list[Issue]:
    """Failed asserts and successful reports, each at its context element's line, named by its pattern."""
    return [
        Issue(
            path=name,
            line=f.line,
            column=1,
            severity=SEVERITIES.get((f.role or "error").lower(), "error"),
            message=f.message,
            rule=f.pattern,
        )
        for f in sch.failures(tree)
    ]
