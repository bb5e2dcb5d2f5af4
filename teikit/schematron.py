"""ISO Schematron -> one XSLT 1.0 stylesheet that lists only the failures, each with its element's line.

lxml.isoschematron runs the ISO skeleton: every node (attributes and text included) is visited once per
pattern, every fired rule is written to SVRL, and SVRL has no line numbers. Here each pattern becomes one
XSLT mode whose templates are its rules, in rule order with descending priorities, so a node fires only
the first rule whose context it matches (ISO semantics); the pattern applies templates to the nodes its
contexts select (`//ctx1 | //ctx2`) and nothing else. Failed asserts and successful reports are the only
output, and an extension function, called on failure only, gives the context element's source line.

Where every context of a pattern ends in a named element step (`tei:div[@type]`, `tei:sp`), the pattern
does not search the document itself: one walk by lxml, before the transform, gathers the elements of
every such name, and the pattern applies templates to those of its names (`out:candidates(...)`), its
templates telling exactly which of them match; a no-op template of lowest priority catches the
candidates no rule matches. A search of the whole document (`//x`) costs about as much as that one walk,
and there were a dozen of them. Attribute contexts (`tei:*/@who`) are still searched by the pattern:
gathering them in Python costs more than the search.

Supported subset (anything else in the schema raises SchemaError with its file and line):
`sch:schema` (queryBinding xslt, xslt1 or exslt; XPath 1.0 with EXSLT), `sch:title` and `sch:p`,
`sch:ns`, `sch:let` with @value in schema, pattern and rule, `sch:pattern` with @id, `sch:rule` with
@context, `sch:assert` and `sch:report` with @test, @id and @role, and in their text `sch:value-of`
and `sch:name`. Not supported: abstract patterns and rules, `sch:extends`, phases, includes,
diagnostics, properties, parameters, and foreign elements.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NoReturn

from lxml import etree

from teikit.errors import Location, SchemaError

if TYPE_CHECKING:
    from pathlib import Path

    from lxml.etree import _Element as Element
    from lxml.etree import _ElementTree as ElementTree

__all__ = ["Failure", "Schematron", "compile_schematron"]

SCH_NS = "http://purl.oclc.org/dsdl/schematron"
XSL_NS = "http://www.w3.org/1999/XSL/Transform"
OUT_NS = "urn:teikit:schematron"
"""Namespace of the compiled stylesheet's output elements and of its `line()` extension function."""

_S = f"{{{SCH_NS}}}"
_X = f"{{{XSL_NS}}}"
_O = f"{{{OUT_NS}}}"
_QUERY_BINDINGS = {None, "xslt", "xslt1", "exslt"}
_NCNAME = re.compile(r"^[A-Za-z_][\w.\-]*$")
_QNAME = re.compile(r"^(?:[A-Za-z_][\w.\-]*:)?[A-Za-z_][\w.\-]*$")
_ALLOWED: dict[str, tuple[set[str], set[str]]] = {
    # element: (attributes, child elements); sch:title and sch:p are documentation, skipped.
    "schema": ({"queryBinding", "schemaVersion", "id"}, {"title", "p", "ns", "let", "pattern"}),
    "ns": ({"prefix", "uri"}, set()),
    "let": ({"name", "value"}, set()),
    "pattern": ({"id"}, {"title", "p", "let", "rule"}),
    "rule": ({"context", "id"}, {"let", "assert", "report"}),
    "assert": ({"test", "id", "role"}, {"value-of", "name"}),
    "report": ({"test", "id", "role"}, {"value-of", "name"}),
    "value-of": ({"select"}, set()),
    "name": ({"path"}, set()),
}


@dataclass(frozen=True)
class Failure:
    """A failed assert or a successful report."""

    pattern: str
    """The id of the pattern holding the rule ("" when the pattern has none)."""
    test: str
    """The id of the assert or report ("" when it has none)."""
    role: str
    """Its @role as written ("" when absent)."""
    line: int
    """Source line of the rule's context node (for an attribute or text node, of its element)."""
    message: str
    """The assert's or report's text, value-of and name filled in, whitespace normalised."""


class Schematron:
    """A Schematron schema compiled once into an XSLT stylesheet; call `failures` once per document.

    Not safe to share between threads (neither is lxml's XSLT object).
    """

    def __init__(self, schema: Path | str | ElementTree, *, path: str | None = None) -> None:
        """Compile `schema`, a file or a parsed tree.

        :param path: the file name errors carry; default: the file as given, or `<schematron>`.
        Raises SchemaError when the file cannot be read, or holds something outside the subset.
        """
        if isinstance(schema, etree._ElementTree):
            self.path = path or "<schematron>"
        else:
            self.path = path or str(schema)
            try:
                schema = etree.parse(str(schema), etree.XMLParser(resolve_entities=False, no_network=True))
            except (OSError, etree.XMLSyntaxError) as err:
                raise SchemaError(f"cannot load Schematron: {err}", Location(self.path)) from err
        compiler = _Compiler(self.path)
        self.stylesheet = compiler.compile(schema.getroot())
        """The compiled XSLT document, kept for debugging."""
        self._elements = sorted(compiler.candidates)
        self._groups: dict[str, list[Element]] = {}
        self._transform = _xslt(self.stylesheet, schema, self.path, self._candidates)

    def _candidates(self, _context: object, key: str) -> list[Element]:
        """XPath `out:candidates(key)`: the document's elements named `key` (a Clark name)."""
        return self._groups.get(key, [])

    def _gather(self, tree: ElementTree) -> None:
        """One walk of `tree` filling the groups `out:candidates` returns, in document order."""
        groups: dict[str, list[Element]] = {key: [] for key in self._elements}
        root = tree.getroot()
        if self._elements and root is not None:
            for element in root.iter(*self._elements):
                groups[str(element.tag)].append(element)
        self._groups = groups

    def failures(self, tree: ElementTree) -> list[Failure]:
        """Every failed assert and successful report, by pattern, then in document order.

        Raises SchemaError when a rule cannot be evaluated (an undefined variable or function).
        """
        root = tree.getroot()
        if root is not None and root.getparent() is not None:
            # A tree over part of a document: lxml would run the stylesheet on a copy of that part,
            # which the gathered elements are not in. Copied here instead (lines are kept).
            tree = etree.ElementTree(copy.deepcopy(root))
        self._gather(tree)
        try:
            result = self._transform(tree)
        except etree.XSLTApplyError as err:
            raise SchemaError(f"Schematron rule failed to run: {err}", Location(self.path)) from err
        finally:
            self._groups = {}
        root = result.getroot()
        if root is None:
            return []
        return [
            Failure(
                f.get("pattern", ""),
                f.get("test", ""),
                f.get("role", ""),
                int(f.get("line", "1")),
                " ".join((f.text or "").split()),
            )
            for f in root
        ]


def compile_schematron(schema: ElementTree, path: str) -> ElementTree:
    """The XSLT 1.0 stylesheet for `schema` (see the module docstring for the supported subset).

    :param path: the schema's file name, for error messages.
    Raises SchemaError, with the line of the construct, when the schema goes beyond the subset.
    The stylesheet calls `candidates` in OUT_NS, an extension function `Schematron` provides.
    """
    return _Compiler(path).compile(schema.getroot())


# -- compiling ------------------------------------------------------------------------------------


class _Compiler:
    def __init__(self, path: str) -> None:
        self.path = path
        self.namespaces: dict[str, str] = {}
        self.out = "out"
        self.ids: set[str] = set()
        self.candidates: set[str] = set()
        """The keys `out:candidates` is called with: the Clark names of elements."""

    def compile(self, root: Element) -> ElementTree:
        self._check(root, "schema")
        if root.get("queryBinding") not in _QUERY_BINDINGS:
            self._fail(
                root, f"queryBinding {root.get('queryBinding')!r} is not supported: XPath 1.0 (xslt) only"
            )
        for ns in _children(root, "ns"):
            self._check(ns, "ns")
            prefix, uri = ns.get("prefix", ""), ns.get("uri", "")
            if (
                not _NCNAME.match(prefix)
                or not uri
                or prefix in ("xsl", "xml")
                or self.namespaces.get(prefix, uri) != uri
            ):
                self._fail(ns, f"sch:ns prefix={prefix!r} uri={uri!r} cannot be declared")
            self.namespaces[prefix] = uri
        self.out = next(
            f"out{i}" for i in range(len(self.namespaces) + 1) if f"out{i}" not in self.namespaces
        )
        nsmap = {"xsl": XSL_NS, self.out: OUT_NS, **self.namespaces}
        stylesheet = etree.Element(_X + "stylesheet", version="1.0", nsmap=nsmap)
        stylesheet.set("exclude-result-prefixes", " ".join(self.namespaces))
        etree.SubElement(stylesheet, _X + "output", method="xml", indent="no")
        names: set[str] = set()
        for let in _children(root, "let"):
            stylesheet.append(self._let(let, names))
        driver = etree.SubElement(stylesheet, _X + "template", match="/")
        failures = etree.SubElement(driver, _O + "failures")
        for number, pattern in enumerate(_children(root, "pattern"), 1):
            mode = f"pattern-{number}"
            etree.SubElement(failures, _X + "call-template", name=mode)
            stylesheet.extend(self._pattern(pattern, mode, set(names)))
        return etree.ElementTree(stylesheet)

    def _pattern(self, pattern: Element, mode: str, names: set[str]) -> list[Element]:
        """The pattern's named template (its lets, then one apply-templates) and its rules' templates."""
        self._check(pattern, "pattern")
        lets = [self._let(let, names) for let in _children(pattern, "let")]
        params = [let.get("name", "") for let in lets]
        rules = _children(pattern, "rule")
        if not rules:
            self._fail(pattern, "sch:pattern holds no sch:rule")
        templates, candidates = [], []
        for index, rule in enumerate(rules):
            self._check(rule, "rule")
            candidates += [branch for branch in self._branches(rule) if branch not in candidates]
            # Descending priorities in rule order: a node fires the first rule whose context matches.
            priority = len(rules) - index
            templates.append(self._rule(rule, mode, priority, params, set(names), pattern.get("id", "")))
        named = _xsl("template", name=mode)
        named.extend(lets)
        steps = [self._last_step(branch) for branch in candidates]
        select = " | ".join(candidates)
        if all(step is not None for step in steps):
            # The gathered candidates; a no-op template, below every rule, for those no rule matches.
            found = [step for step in steps if step is not None]
            select = " | ".join(dict.fromkeys(expression for _, expression, _ in found))
            match = " | ".join(dict.fromkeys(test for _, _, test in found))
            templates.append(_xsl("template", match=match, mode=mode, priority="-1"))
            self.candidates.update(key for key, _, _ in found)
        apply = etree.SubElement(named, _X + "apply-templates", select=select, mode=mode)
        for name in params:
            etree.SubElement(apply, _X + "with-param", name=name, select=f"${name}")
        return [named, *templates]

    def _last_step(self, branch: str) -> tuple[str, str, str] | None:
        """(key, select, name test) for a context branch whose last step names an element:
        `tei:front//tei:div[@type]` -> (`{tei-uri}div`, `out:candidates('{tei-uri}div')`, `tei:div`);
        None for anything else (an attribute, a wildcard, `node()`, `text()`, `id()`, another axis)."""
        if branch.startswith(("id(", "key(")):
            return None
        step = _split_outside(branch, "/")[-1]
        name = _split_outside(step, "[")[0].strip().removeprefix("child::").strip()
        if not _QNAME.match(name):
            return None
        prefix, _, local = name.rpartition(":")
        uri = self.namespaces.get(prefix) if prefix else ""
        if uri is None or "'" in uri:
            return None
        key = f"{{{uri}}}{local}" if uri else local
        return key, f"{self.out}:candidates('{key}')", name

    def _rule(
        self, rule: Element, mode: str, priority: int, params: list[str], names: set[str], pattern: str
    ) -> Element:
        template = _xsl("template", match=rule.get("context", ""), mode=mode, priority=str(priority))
        template.extend(_xsl("param", name=name) for name in params)
        template.extend(self._let(let, names) for let in _children(rule, "let"))
        tests = [child for child in _children(rule) if _local(child) in ("assert", "report")]
        if not tests:
            self._fail(rule, "sch:rule holds no sch:assert or sch:report")
        for test in tests:
            self._check(test, _local(test))
            condition = self._xpath(test, "test")
            condition = f"not({condition})" if _local(test) == "assert" else condition
            failure = etree.SubElement(etree.SubElement(template, _X + "if", test=condition), _O + "failure")
            for name, value in (
                ("pattern", pattern),
                ("test", test.get("id", "")),
                ("role", test.get("role", "")),
            ):
                if value:
                    failure.set(name, value.replace("{", "{{").replace("}", "}}"))
            failure.set("line", f"{{{self.out}:line(ancestor-or-self::*[1])}}")
            failure.extend(self._message(test))
        return template

    def _message(self, test: Element) -> list[Element]:
        parts = [_text(test.text)]
        for child in test:
            if isinstance(child.tag, str):
                self._check(child, _local(child))
                if _local(child) == "value-of":
                    parts.append(_xsl("value-of", select=self._xpath(child, "select")))
                else:
                    parts.append(_xsl("value-of", select=f"name({child.get('path') or '.'})"))
            parts.append(_text(child.tail))
        return [part for part in parts if part is not None]

    def _let(self, let: Element, names: set[str]) -> Element:
        self._check(let, "let")
        name = let.get("name", "")
        if not _NCNAME.match(name):
            self._fail(let, f"sch:let name={name!r} is not a variable name")
        if name in names:
            # ISO: a variable may not be defined twice in the schema, pattern and rule around it.
            self._fail(let, f'sch:let "{name}" is already defined for this rule')
        names.add(name)
        return _xsl("variable", name=name, select=self._xpath(let, "value"))

    def _branches(self, rule: Element) -> list[str]:
        """The context's alternatives as expressions selecting every node they match."""
        context = rule.get("context", "")
        if not context.strip():
            self._fail(rule, "sch:rule needs a @context")
        branches = []
        for branch in _split_union(context):
            if branch.startswith("/") or branch.startswith(("id(", "key(")):
                branches.append(branch)
            else:
                branches.append("//" + branch)
        for branch in branches:
            self._compiles(rule, branch)
        return branches

    def _xpath(self, element: Element, attribute: str) -> str:
        expression = element.get(attribute)
        if expression is None or not expression.strip():
            self._fail(element, f"sch:{_local(element)} needs a @{attribute}")
        self._compiles(element, expression)
        return expression

    def _compiles(self, element: Element, expression: str) -> None:
        try:
            etree.XPath(expression, namespaces=self.namespaces)
        except etree.XPathSyntaxError as err:
            self._fail(element, f"{expression!r} is not an XPath 1.0 expression: {err}")

    def _check(self, element: Element, kind: str) -> None:
        """Refuse what lies outside the subset: unknown elements, attributes and children."""
        if element.tag != _S + kind:
            self._fail(element, f"{_describe(element)} is not supported here (expected sch:{kind})")
        attributes, children = _ALLOWED[kind]
        for name in element.attrib:
            if name not in attributes:
                self._fail(
                    element, f"attribute {etree.QName(name).localname!r} of sch:{kind} is not supported"
                )
        if "id" in element.attrib:
            if element.get("id") in self.ids:
                self._fail(element, f"id {element.get('id')!r} is used twice (ids are unique in a schema)")
            self.ids.add(element.get("id", ""))
        for child in _children(element):
            if etree.QName(child).namespace == SCH_NS and _local(child) in children:
                continue
            self._fail(child, f"{_describe(child)} is not supported inside sch:{kind}")
        if not children and (element.text or "").strip():
            self._fail(element, f"sch:{kind} takes no text")

    def _fail(self, element: Element, message: str) -> NoReturn:
        raise SchemaError(message, Location(self.path, element.sourceline or 1))


def _xslt(
    stylesheet: ElementTree,
    schema: ElementTree,
    path: str,
    candidates: Callable[[object, str], list[Element]],
) -> etree.XSLT:
    functions = {(OUT_NS, "line"): _source_line, (OUT_NS, "candidates"): candidates}
    try:
        # lxml takes extension functions here too (its docstring says so); types-lxml admits elements only.
        return etree.XSLT(stylesheet, extensions=functions)  # type: ignore[arg-type]
    except etree.XSLTParseError as err:
        # Most likely a context that is an XPath expression but no XSLT pattern: name its rule.
        for rule in schema.iter(_S + "rule"):
            probe = etree.Element(
                _X + "stylesheet", version="1.0", nsmap={"xsl": XSL_NS, **(stylesheet.getroot().nsmap)}
            )
            etree.SubElement(probe, _X + "template", match=rule.get("context", ""))
            try:
                etree.XSLT(probe)
            except etree.XSLTParseError:
                message = f"sch:rule context {rule.get('context')!r} is not an XSLT 1.0 pattern"
                raise SchemaError(message, Location(path, rule.sourceline or 1)) from err
        raise SchemaError(f"the compiled Schematron does not load: {err}", Location(path)) from err


def _source_line(_context: Any, nodes: list[Element]) -> int:
    """XPath `line(element)`: the element's source line (1 for the root node)."""
    for node in nodes:
        current: Element | None = node
        while current is not None:
            if current.sourceline:
                return current.sourceline
            current = current.getparent()
    return 1


# -- helpers --------------------------------------------------------------------------------------


def _split_union(pattern: str) -> list[str]:
    """`a | b[c | d]` -> ["a", "b[c | d]"]: split at the `|` outside brackets and string literals."""
    return [branch.strip() for branch in _split_outside(pattern, "|")]


def _split_outside(expression: str, separator: str) -> list[str]:
    """`expression` split at each `separator` outside brackets and string literals (`[` opens one too:
    split at "[", the first piece is what stands before the first predicate)."""
    pieces, depth, quote, start = [], 0, "", 0
    for i, char in enumerate(expression):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == separator and depth == 0:
            pieces.append(expression[start:i])
            start = i + 1
            if char == "[":
                depth += 1
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
    pieces.append(expression[start:])
    return pieces


def _children(element: Element, kind: str | None = None) -> list[Element]:
    """Child elements (comments and processing instructions skipped), or those named sch:`kind`."""
    if kind is not None:
        return list(element.iterchildren(_S + kind))
    return [child for child in element if isinstance(child.tag, str)]


def _local(element: Element) -> str:
    return etree.QName(element).localname


def _describe(element: Element) -> str:
    qname = etree.QName(element)
    return (
        f"sch:{qname.localname}"
        if qname.namespace == SCH_NS
        else f"element {{{qname.namespace}}}{qname.localname}"
    )


def _xsl(kind: str, **attributes: str) -> Element:
    return etree.Element(_X + kind, attributes)


def _text(text: str | None) -> Element | None:
    if not text:
        return None
    node = etree.Element(_X + "text")
    node.text = text
    return node
