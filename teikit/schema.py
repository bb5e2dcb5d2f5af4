"""teikit's ODD compiler: a self-contained subset of TEI ODD -> one flat RelaxNG grammar + ISO Schematron.

The supported subset is listed in `schemas/README.md`. The compiler needs no Java, no network and
no TEI sources: every element, macro and datatype the grammar uses is declared in the ODD itself.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree, isoschematron

from teikit.errors import Location, SchemaError
from teikit.files import write_atomic
from teikit.model import Severity
from teikit.resources import schema_path
from teikit.schematron import Schematron

if TYPE_CHECKING:
    from collections.abc import Iterator

    from lxml.etree import _Element as Element

__all__ = ["CompiledSchemas", "build_schemas", "check_schemas", "compile_odd"]

TEI_NS = "http://www.tei-c.org/ns/1.0"
RNG_NS = "http://relaxng.org/ns/structure/1.0"
ANN_NS = "http://relaxng.org/ns/compatibility/annotations/1.0"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"
XSD_TYPES = "http://www.w3.org/2001/XMLSchema-datatypes"
COMMAND = "teikit schema build"
SEVERITIES: dict[str, Severity] = {
    "error": "error",
    "fatal": "error",
    "warning": "warning",
    "warn": "warning",
    "info": "info",
}
"""Accepted `sch:assert/@role` values and the Issue severity each one means."""

_T = f"{{{TEI_NS}}}"
_R = f"{{{RNG_NS}}}"
_S = f"{{{SCH_NS}}}"
_UNBOUNDED = None
_TOP_LEVEL = {"elementSpec", "macroSpec", "dataSpec", "constraintSpec"}


@dataclass(frozen=True)
class CompiledSchemas:
    """The two products of one ODD compile, as serialised XML text."""

    rng: str
    """The flat RelaxNG grammar (XML syntax)."""
    sch: str
    """The ISO Schematron schema (queryBinding xslt, XPath 1.0 + EXSLT)."""


def compile_odd(odd: Path) -> CompiledSchemas:
    """Compile an ODD file into RelaxNG and Schematron; both are checked to load in lxml.

    Raises SchemaError (with file and line) when the ODD is unreadable, malformed, uses ODD
    outside the supported subset, or yields a schema lxml cannot compile.
    """
    spec = _schema_spec(_parse_odd(odd), odd)
    source = f"{odd.parent.name}/{odd.name}"
    rng = _RngCompiler(spec, str(odd)).grammar()
    sch = _schematron(spec, str(odd))
    _check_loads(rng, sch, str(odd))
    return CompiledSchemas(rng=_serialise(rng, source), sch=_serialise(sch, source))


def build_schemas(odd: Path | None = None, out_dir: Path | None = None) -> list[Path]:
    """Compile `odd` (default: the bundled teikit.odd) and write `<stem>.rng` and `<stem>.sch`.

    :param out_dir: where to write; default: the bundled `schemas/` folder.
    Returns the paths written. Raises SchemaError, or OutputError when a file cannot be written.
    """
    products = _products(odd, out_dir)
    for path, text in products:
        write_atomic(path, text)
    return [path for path, _ in products]


def check_schemas(odd: Path | None = None, out_dir: Path | None = None) -> list[str]:
    """Names of the products in `out_dir` that are missing or differ from a fresh compile of `odd`.

    Defaults as for `build_schemas`. Comparison is on canonical XML (C14N 2.0, comments and
    whitespace-only text dropped). Raises SchemaError when the ODD does not compile.
    """
    return [
        path.name
        for path, text in _products(odd, out_dir)
        if not path.is_file() or _canonical(path.read_bytes()) != _canonical(text.encode())
    ]


# -- the ODD ----------------------------------------------------------------------------------


def _parse_odd(odd: Path) -> etree._ElementTree:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True)
    try:
        return etree.parse(str(odd), parser)
    except OSError as err:
        raise SchemaError(f"cannot read ODD: {err}", Location(str(odd))) from err
    except etree.XMLSyntaxError as err:
        first = parser.error_log[0] if parser.error_log else None
        message, line, column = (
            (first.message, first.line, first.column) if first else (err.msg, *err.position)
        )
        raise SchemaError(f"ODD is not well-formed XML: {message}", Location(str(odd), line, column)) from err


def _schema_spec(tree: etree._ElementTree, odd: Path) -> Element:
    specs = list(tree.getroot().iter(f"{_T}schemaSpec"))
    if len(specs) != 1:
        raise SchemaError(f"expected one TEI schemaSpec, found {len(specs)}", Location(str(odd)))
    return specs[0]


def _fail(message: str, node: Element, path: str) -> SchemaError:
    return SchemaError(message, Location(path, node.sourceline or 1))


def _local(node: Element) -> str:
    return etree.QName(node).localname


def _tei_children(node: Element, *names: str) -> Iterator[Element]:
    for child in node.iterchildren(f"{_T}*"):
        if not names or _local(child) in names:
            yield child


def _occurs(node: Element, path: str) -> tuple[int, int | None]:
    lo_text, hi_text = node.get("minOccurs", "1"), node.get("maxOccurs", "1")
    try:
        lo = int(lo_text)
        hi = _UNBOUNDED if hi_text == "unbounded" else int(hi_text)
    except ValueError:
        raise _fail(f"bad occurrence minOccurs={lo_text!r} maxOccurs={hi_text!r}", node, path) from None
    if lo < 0 or (hi is not None and (hi < 1 or hi < lo)):
        raise _fail(f"bad occurrence minOccurs={lo_text!r} maxOccurs={hi_text!r}", node, path)
    return lo, hi


# -- RelaxNG ----------------------------------------------------------------------------------


def _rng(tag: str, *children: Element, **attrib: str) -> Element:
    node = etree.Element(_R + tag, attrib, nsmap={None: RNG_NS})
    node.extend(children)
    return node


def _group(patterns: list[Element]) -> Element:
    return patterns[0] if len(patterns) == 1 else _rng("group", *patterns)


def _repeat(patterns: list[Element], lo: int, hi: int | None) -> list[Element]:
    """`patterns` (a group) occurring lo..hi times (hi None: unbounded)."""
    if (lo, hi) == (1, 1):
        return patterns
    if (lo, hi) == (0, 1):
        return [_rng("optional", *patterns)]
    if hi is None:
        required = [deepcopy(p) for _ in range(max(lo - 1, 0)) for p in patterns]
        return [*required, _rng("zeroOrMore" if lo == 0 else "oneOrMore", *patterns)]
    required = [deepcopy(p) for _ in range(lo) for p in patterns]
    optional = [_rng("optional", *[deepcopy(p) for p in patterns]) for _ in range(hi - lo)]
    return required + optional


class _RngCompiler:
    """Translates one schemaSpec into a grammar: one define per macro and per element."""

    def __init__(self, spec: Element, path: str) -> None:
        self.spec, self.path = spec, path
        self.elements = self._index("elementSpec")
        self.macros = self._index("macroSpec")
        self.datatypes = self._index("dataSpec")
        self._expanding: list[str] = []

    def _index(self, kind: str) -> dict[str, Element]:
        found: dict[str, Element] = {}
        for node in _tei_children(self.spec):
            if _local(node) not in _TOP_LEVEL:
                raise _fail(f"{_local(node)} is outside the ODD subset teikit compiles", node, self.path)
            if _local(node) != kind or kind == "constraintSpec":
                continue
            ident = node.get("ident") or ""
            if not ident or ident in found:
                raise _fail(f"{kind} needs a unique @ident (got {ident!r})", node, self.path)
            if node.get("mode", "add") != "add":
                message = f"{kind} {ident}: only mode='add' is supported (the ODD is self-contained)"
                raise _fail(message, node, self.path)
            found[ident] = node
        return found

    def grammar(self) -> Element:
        start = self.spec.get("start", "")
        if start not in self.elements:
            raise _fail(f"schemaSpec/@start {start!r} names no elementSpec", self.spec, self.path)
        grammar = _rng("grammar", ns=self.spec.get("ns", TEI_NS), datatypeLibrary=XSD_TYPES)
        grammar.append(_rng("start", _rng("ref", name=start)))
        if clash := self.macros.keys() & self.elements.keys():
            raise _fail(f"macroSpec and elementSpec share idents: {sorted(clash)}", self.spec, self.path)
        for ident, macro in self.macros.items():
            grammar.append(_rng("define", *self._content(macro), name=ident))
        for ident, spec in self.elements.items():
            grammar.append(_rng("define", self._element(ident, spec), name=ident))
        return grammar

    def _element(self, ident: str, spec: Element) -> Element:
        element = _rng("element", name=ident)
        if desc := " ".join(" ".join(d.itertext()) for d in _tei_children(spec, "desc")).split():
            documentation = etree.SubElement(element, f"{{{ANN_NS}}}documentation", nsmap={"a": ANN_NS})
            documentation.text = " ".join(desc)
        element.extend(self._content(spec) or [_rng("empty")])
        for att_def in spec.iterfind(f"{_T}attList/{_T}attDef"):
            element.append(self._attribute(att_def, ident))
        return element

    def _content(self, spec: Element) -> list[Element]:
        content = list(_tei_children(spec, "content"))
        if not content:
            if _local(spec) == "macroSpec":
                raise _fail(f"macroSpec {spec.get('ident')} has no content", spec, self.path)
            return []
        return [p for node in _tei_children(content[0]) for p in self._pattern(node)]

    def _pattern(self, node: Element) -> list[Element]:
        kind = _local(node)
        if kind == "textNode":
            return [_rng("text")]
        if kind == "empty":
            return [_rng("empty")]
        if kind == "macroRef":
            return [_rng("ref", name=self._key(node, self.macros, "macroSpec"))]
        lo, hi = _occurs(node, self.path)
        if kind == "elementRef":
            return _repeat([_rng("ref", name=self._key(node, self.elements, "elementSpec"))], lo, hi)
        if kind == "sequence":
            return _repeat([p for child in _tei_children(node) for p in self._pattern(child)], lo, hi)
        if kind == "alternate":
            choice = _rng("choice", *[_group(self._pattern(child)) for child in _tei_children(node)])
            return _repeat([choice], lo, hi)
        raise _fail(f"content <{kind}> is outside the ODD subset teikit compiles", node, self.path)

    def _key(self, node: Element, declared: dict[str, Element], kind: str) -> str:
        key = node.get("key", "")
        if key not in declared:
            raise _fail(f"{_local(node)} key={key!r} names no {kind} in this ODD", node, self.path)
        return key

    def _attribute(self, att_def: Element, owner: str) -> Element:
        ident = att_def.get("ident", "")
        attribute = _rng("attribute", self._attribute_value(att_def, owner), name=ident)
        return attribute if att_def.get("usage") == "req" else _rng("optional", attribute)

    def _attribute_value(self, att_def: Element, owner: str) -> Element:
        datatype = next(_tei_children(att_def, "datatype"), None)
        closed = att_def.find(f"{_T}valList[@type='closed']")
        if datatype is None and closed is None:
            raise _fail(
                f"{owner}/@{att_def.get('ident')} needs a datatype or a closed valList", att_def, self.path
            )
        value = self._values(closed) if closed is not None else self._datatype(datatype)
        lo, hi = _occurs(datatype, self.path) if datatype is not None else (1, 1)
        if (lo, hi) == (1, 1):
            return value
        return _rng("list", *_repeat([value], lo, hi))

    def _datatype(self, node: Element | None) -> Element:
        patterns = [self._data(child) for child in _tei_children(node)] if node is not None else []
        if len(patterns) != 1:
            raise _fail(
                "a datatype holds exactly one dataRef", node if node is not None else self.spec, self.path
            )
        return patterns[0]

    def _data(self, node: Element) -> Element:
        kind = _local(node)
        if kind == "alternate":
            return _rng("choice", *[self._data(child) for child in _tei_children(node)])
        if kind == "valList":
            return self._values(node)
        if kind != "dataRef":
            raise _fail(f"<{kind}> is outside the ODD subset teikit compiles for data", node, self.path)
        if name := node.get("name"):
            data = _rng("data", type=name)
            if restriction := node.get("restriction"):
                data.append(_rng("param", name="pattern"))
                data[-1].text = restriction
            return data
        return self._data_spec(node)

    def _data_spec(self, node: Element) -> Element:
        key = self._key(node, self.datatypes, "dataSpec")
        if key in self._expanding:
            raise _fail(f"dataSpec {key} refers to itself", node, self.path)
        self._expanding.append(key)
        try:
            return self._datatype(next(_tei_children(self.datatypes[key], "content"), None))
        finally:
            self._expanding.pop()

    def _values(self, val_list: Element) -> Element:
        if val_list.get("type") != "closed":
            raise _fail("only a closed valList can stand for a datatype", val_list, self.path)
        values = [_rng("value") for _ in val_list.iterfind(f"{_T}valItem")]
        for value, item in zip(values, val_list.iterfind(f"{_T}valItem"), strict=True):
            value.text = item.get("ident", "")
        if not values:
            raise _fail("a closed valList needs at least one valItem", val_list, self.path)
        return _rng("choice", *values)


# -- Schematron -------------------------------------------------------------------------------


def _schematron(spec: Element, path: str) -> Element:
    schema = etree.Element(_S + "schema", queryBinding="xslt", nsmap={"sch": SCH_NS})
    etree.SubElement(
        schema, _S + "title"
    ).text = f"{spec.get('ident', 'teikit')}: rules RelaxNG cannot express"
    namespaces = {"tei": TEI_NS}
    patterns = []
    for constraint_spec in spec.iter(f"{_T}constraintSpec"):
        pattern = _pattern(constraint_spec, path)
        for ns in list(pattern.iter(_S + "ns")):
            namespaces.setdefault(ns.get("prefix", ""), ns.get("uri", ""))
            pattern.remove(ns)
        patterns.append(pattern)
    for prefix, uri in namespaces.items():
        etree.SubElement(schema, _S + "ns", prefix=prefix, uri=uri)
    schema.extend(patterns)
    return schema


def _pattern(constraint_spec: Element, path: str) -> Element:
    ident = constraint_spec.get("ident", "")
    if not ident:
        message = "constraintSpec needs an @ident: it becomes the rule id of every issue it reports"
        raise _fail(message, constraint_spec, path)
    if constraint_spec.get("scheme") not in ("schematron", "isoschematron"):
        raise _fail(
            f"constraintSpec {ident}: only scheme='schematron' (ISO) is supported", constraint_spec, path
        )
    pattern = etree.Element(_S + "pattern", id=ident, nsmap={"sch": SCH_NS})
    for constraint in _tei_children(constraint_spec, "constraint"):
        for node in constraint.iterchildren(_S + "*"):
            if _local(node) not in ("rule", "let", "ns"):
                raise _fail(f"constraintSpec {ident}: put sch:{_local(node)} inside an sch:rule", node, path)
            _check_rule(node, ident, path)
            pattern.append(_strip_layout(deepcopy(node)))
    if not len(pattern):
        raise _fail(f"constraintSpec {ident} holds no sch:rule", constraint_spec, path)
    return pattern


def _strip_layout(node: Element) -> Element:
    """Drop the ODD's indentation around structural Schematron elements, so the output pretty-prints."""
    for child in node.iter(_S + "*"):
        if _local(child) == "rule" and not (child.text or "").strip():
            child.text = None
        if not (child.tail or "").strip() and _local(child) != "value-of":
            child.tail = None
    return node


def _check_rule(rule: Element, ident: str, path: str) -> None:
    if _local(rule) == "rule" and not rule.get("context"):
        raise _fail(f"constraintSpec {ident}: sch:rule needs a @context", rule, path)
    for test in rule.iterchildren(_S + "assert", _S + "report"):
        role = test.get("role", "error")
        if role.lower() not in SEVERITIES:
            expected = ", ".join(sorted(SEVERITIES))
            raise _fail(f"constraintSpec {ident}: role={role!r}, expected one of: {expected}", test, path)


# -- products ---------------------------------------------------------------------------------


def _check_loads(rng: Element, sch: Element, path: str) -> None:
    try:
        etree.RelaxNG(etree.ElementTree(deepcopy(rng)))
    except etree.RelaxNGParseError as err:
        raise SchemaError(f"the compiled RelaxNG does not load: {err}", Location(path)) from err
    try:
        isoschematron.Schematron(etree.ElementTree(deepcopy(sch)))
    except (etree.SchematronParseError, etree.XSLTParseError) as err:
        raise SchemaError(f"the compiled Schematron does not load: {err}", Location(path)) from err
    Schematron(
        etree.ElementTree(deepcopy(sch)), path=path
    )  # what teikit.validation runs: refuses the unsupported


def _serialise(root: Element, source: str) -> str:
    etree.cleanup_namespaces(root, top_nsmap={"a": ANN_NS} if root.tag == _R + "grammar" else None)
    body = etree.tostring(root, pretty_print=True, encoding="unicode")
    note = f" Generated from {source} by teikit's ODD compiler. Do not edit: change the ODD, then run `{COMMAND}`. "
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<!--{note}-->\n{body}'


def _products(odd: Path | None, out_dir: Path | None) -> list[tuple[Path, str]]:
    """Each product's path in `out_dir` and its freshly compiled text (defaults: the bundled files)."""
    odd = odd or schema_path("teikit.odd")
    out_dir = out_dir or schema_path("")
    compiled = compile_odd(odd)
    return [(out_dir / f"{odd.stem}.rng", compiled.rng), (out_dir / f"{odd.stem}.sch", compiled.sch)]


def _canonical(data: bytes) -> str:
    return etree.canonicalize(data.decode("utf-8"), strip_text=True)
