"""A RelaxNG grammar pruned to the element names a set of documents uses: exact for those documents.

An `element` pattern whose name is not among `names` matches no element of a document that uses only
those names, so for such a document it is equivalent to `notAllowed`. Replacing it, then simplifying
`notAllowed` upwards as the RelaxNG specification does (section 4.19: a group, interleave, oneOrMore,
element, attribute, list, mixed or define holding it is `notAllowed`; a choice drops it; an optional
or zeroOrMore of it is `empty`) and dropping the definitions no longer reachable from `start`, gives a
grammar that accepts exactly the documents over `names` that the full grammar accepts, and is a
fraction of its size (tei_all.rng: 1,113 definitions, 6 s for libxml2 to compile; for a play about 290
definitions, milliseconds). Element patterns named by a name class (anyName, nsName, choice) are kept.
A document that uses a name outside `names` needs a grammar pruned to a larger set.
"""

from __future__ import annotations

import copy

from lxml import etree

__all__ = ["element_names", "prune"]

_NS = "http://relaxng.org/ns/structure/1.0"
_R = "{" + _NS + "}"
_ALL_OR_NOTHING = frozenset(
    {"group", "interleave", "oneOrMore", "element", "attribute", "list", "mixed", "define", "start"}
)
"""Patterns that match nothing when one of their parts matches nothing."""
_EMPTY_WHEN_DEAD = frozenset({"optional", "zeroOrMore"})
_NAME_CLASSES = frozenset({"name", "anyName", "nsName", "except"})
_LEAVES = frozenset({"data", "value", "param", "text", "empty", "notAllowed"})

Name = tuple[str, str]
"""(namespace URI, local name); "" for no namespace."""


def element_names(tree: etree._ElementTree) -> frozenset[Name]:
    """The names of the elements in a document."""
    tags = {str(node.tag) for node in tree.getroot().iter(etree.Element)}
    return frozenset(map(_split, tags))


def _split(tag: str) -> tuple[str, str]:
    ns, brace, local = tag[1:].partition("}")
    return (ns, local) if tag[:1] == "{" and brace else ("", tag)


def prune(grammar: etree._ElementTree, names: frozenset[Name]) -> etree._ElementTree:
    """A copy of a simplified-enough grammar (one `grammar` of `define`s, as TEI's ODD processor writes)
    that accepts, of the documents whose element names are all in `names`, exactly those `grammar` does."""
    root = copy.deepcopy(grammar.getroot())
    defines = {d.get("name", ""): d for d in root.iterchildren(_R + "define")}
    for element in list(root.iter(_R + "element")):
        name = _element_name(element)
        if name is not None and name not in names:
            _replace(element, "notAllowed")
    dead = _dead_definitions(defines)
    _rewrite(root, dead, {})
    reachable: set[str] = set()
    todo = [start for start in root.iterchildren(_R + "start")]
    while todo:
        for ref in todo.pop().iter(_R + "ref"):
            target = ref.get("name", "")
            if target not in reachable and target in defines:
                reachable.add(target)
                todo.append(defines[target])
    for label, define in defines.items():
        if label not in reachable:
            root.remove(define)
    return etree.ElementTree(root)


def _element_name(element: etree._Element) -> Name | None:
    """The name of an element pattern with a `name` attribute; None for a name class."""
    name = element.get("name")
    if name is None:
        return None
    if ":" in name:
        prefix, local = name.split(":", 1)
        return element.nsmap.get(prefix) or "", local
    ns = element.get("ns")
    if ns is None:
        ns = next((a.get("ns") for a in element.iterancestors() if a.get("ns") is not None), "")
    return ns or "", name


def _local(node: etree._Element) -> str:
    """The local name of a RelaxNG pattern (the only children `_patterns` gives)."""
    return str(node.tag)[len(_R) :]


def _patterns(node: etree._Element) -> list[etree._Element]:
    """The child patterns of a pattern (an element's or attribute's name class left out)."""
    return [c for c in node.iterchildren(_R + "*") if _local(c) not in _NAME_CLASSES]


def _dead(node: etree._Element, dead: set[str], memo: dict[etree._Element, bool]) -> bool:
    """Whether a pattern matches nothing, given the definitions known to match nothing (`memo`: the
    patterns decided so far with these)."""
    found = memo.get(node)
    if found is None:
        found = memo[node] = _dead_now(node, dead, memo)
    return found


def _dead_now(node: etree._Element, dead: set[str], memo: dict[etree._Element, bool]) -> bool:
    tag = _local(node)
    if tag == "notAllowed":
        return True
    if tag == "ref":
        return node.get("name", "") in dead
    if tag == "choice":
        parts = _patterns(node)
        return bool(parts) and all(_dead(p, dead, memo) for p in parts)
    if tag in _ALL_OR_NOTHING:
        return any(_dead(p, dead, memo) for p in _patterns(node))
    return False  # optional, zeroOrMore, data, value, text, empty, parentRef, externalRef


def _dead_definitions(defines: dict[str, etree._Element]) -> set[str]:
    """The definitions that match nothing (the least fixed point, as definitions refer to each other):
    each judged once, and again when one it refers to is found dead."""
    users: dict[str, set[str]] = {}
    for name, define in defines.items():
        for ref in define.iter(_R + "ref"):
            users.setdefault(ref.get("name", ""), set()).add(name)
    dead: set[str] = set()
    todo = list(defines)
    while todo:
        name = todo.pop()
        if name not in dead and _dead(defines[name], dead, {}):
            dead.add(name)
            todo.extend(users.get(name, ()))
    return dead


def _rewrite(node: etree._Element, dead: set[str], memo: dict[etree._Element, bool]) -> None:
    for child in _patterns(node):
        tag = _local(child)
        if tag in _LEAVES:
            continue
        if tag in {"define", "start"} and _dead(child, dead, memo):
            for part in _patterns(child):
                child.remove(part)
            child.append(etree.Element(_R + "notAllowed"))
        elif tag in {"define", "start"}:
            _rewrite(child, dead, memo)
        elif _dead(child, dead, memo) and _local(node) == "choice" and not _dead(node, dead, memo):
            node.remove(child)
        elif _dead(child, dead, memo):
            _replace(child, "notAllowed")
        elif tag in _EMPTY_WHEN_DEAD and any(_dead(p, dead, memo) for p in _patterns(child)):
            _replace(child, "empty")
        else:
            _rewrite(child, dead, memo)


def _replace(node: etree._Element, tag: str) -> None:
    """Put an empty `tag` pattern in the place of `node`."""
    parent = node.getparent()
    new = etree.Element(_R + tag)
    new.tail = node.tail
    if parent is not None:
        parent.replace(node, new)
