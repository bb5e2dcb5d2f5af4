"""The documents the public functions take, read one way: a path, a string of XML, bytes, or an lxml tree.

A `str` is a document when its first character other than white space is `<`, else the path of a file.
Anything else (None, a number, a list…) is refused with an ArgumentError naming the function, the
parameter and what it got, before any work is done.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from teikit import files
from teikit.errors import ArgumentError, InputError, Location

__all__ = ["XmlInput", "XmlSource", "check_type", "path_list", "xml_input"]

XmlSource = str | os.PathLike[str] | bytes | etree._ElementTree | etree._Element
"""A TEI document: a file path (str or path-like), its XML as a `str` or as `bytes`, or an lxml tree or element."""

_DECLARED = re.compile(rb"""^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_DECLARATION_ENCODING = re.compile(r"""^(\s*<\?xml[^>]*?)\s+encoding\s*=\s*(["'])[^"']*\2""")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass(frozen=True)
class XmlInput:
    """One document as given: a file, or its bytes held in memory."""

    name: str
    """What messages call it: the path as given, or `<string>`, `<bytes>`, `<tree>`."""
    path: Path | None = None
    """The file, when given one."""
    data: bytes | None = None
    """The document's bytes, when given in memory."""
    tree_uri: str | None = None
    """The URL an lxml tree was parsed from, when given one."""

    @property
    def base_uri(self) -> str | None:
        """Where relative references resolve: the file's, or the one an lxml tree was parsed from.

        Worked out when asked (resolving a path costs system calls the validator does not need).
        """
        return self.path.resolve().as_uri() if self.path is not None else self.tree_uri

    def read(self) -> bytes:
        """The document's bytes. Raises InputError (code `not-a-file`) when the file cannot be read or is
        not a regular file (a FIFO or a device is refused, never opened: teikit.files.read_bytes)."""
        if self.data is not None:
            return self.data
        assert self.path is not None  # one of the two is set (xml_input)
        try:
            return files.read_bytes(self.path)
        except InputError as err:  # named as the caller named it
            raise InputError(err.message, Location(self.name), code=err.code) from err

    def text(self) -> str:
        """The document as a string, decoded as its byte-order mark or XML declaration says (else UTF-8).

        Raises InputError (code `encoding`) when the bytes cannot be decoded.
        """
        data = self.read()
        encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
        if encoding is None:
            declared = _DECLARED.match(data)
            encoding = declared[1].decode("ascii") if declared else "utf-8"
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as err:
            raise InputError(
                f"cannot decode the document as {encoding}: {err}", Location(self.name), code="encoding"
            ) from err


def xml_input(
    source: object, *, function: str, parameter: str = "source", name: str | None = None
) -> XmlInput:
    """`source` as an XmlInput, or an ArgumentError naming `function(parameter=…)` and what it got.

    :param name: what messages call the document; default: the path as given, or `<string>`,
        `<bytes>`, `<tree>`.
    """
    if isinstance(source, bytes | bytearray | memoryview):
        return XmlInput(name or "<bytes>", data=bytes(source))
    if isinstance(source, str) and source.lstrip().startswith("<"):
        # The string is already decoded: a declared encoding no longer applies to its UTF-8 bytes.
        text = _DECLARATION_ENCODING.sub(r"\1", source, count=1)
        return XmlInput(name or "<string>", data=text.encode("utf-8"))
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        if isinstance(source, str) and not source.strip():
            raise _wrong(function, parameter, source, "an empty string is neither XML nor a file name")
        return XmlInput(name or str(source), path=path)
    if isinstance(source, etree._ElementTree | etree._Element):
        root = source.getroot() if isinstance(source, etree._ElementTree) else source
        if root is None:
            raise _wrong(function, parameter, source, "the tree has no root element")
        tree = source if isinstance(source, etree._ElementTree) else None
        data = etree.tostring(tree if tree is not None else root, encoding="UTF-8", xml_declaration=True)
        return XmlInput(name or "<tree>", data=data, tree_uri=root.getroottree().docinfo.URL)
    raise _wrong(
        function, parameter, source, "a TEI document is a file path, a str or bytes of XML, or an lxml tree"
    )


def path_list(sources: object, *, function: str, parameter: str = "paths") -> list[Path]:
    """`sources` (one path, or an iterable of paths) as a list of Paths; ArgumentError for anything else.

    One `str` or path-like is one path: never read as the sequence of its characters.
    """
    if isinstance(sources, str | os.PathLike):
        return [Path(sources)]
    if isinstance(sources, bytes | bytearray) or not isinstance(sources, Iterable):
        raise _wrong(function, parameter, sources, "give a path or a list of paths")
    found = list(sources)
    for item in found:
        if not isinstance(item, str | os.PathLike):
            raise _wrong(function, parameter, item, "each item must be a path (str or path-like)")
    return [Path(item) for item in found]


def _wrong(function: str, parameter: str, value: object, why: str) -> ArgumentError:
    shown = repr(value) if len(repr(value)) <= 60 else f"{repr(value)[:57]}..."
    return ArgumentError(f"{function}({parameter}=…): got {type(value).__name__} {shown}: {why}")


def check_type(
    value: object, kinds: type | tuple[type, ...], *, function: str, parameter: str, what: str
) -> None:
    """Raise ArgumentError unless `value` is an instance of `kinds` (`what` says what it should be)."""
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in _tuple(kinds)):
        raise _wrong(function, parameter, value, f"expected {what}")


def _tuple(kinds: type | tuple[type, ...]) -> tuple[type, ...]:
    return kinds if isinstance(kinds, tuple) else (kinds,)
