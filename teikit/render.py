"""Render TEI with the bundled XSLT 3.0 stylesheets (saxonche): document pages, the index, plain text.

One Saxon processor serves the process and each stylesheet is compiled once, on first use, from its
real file path (so relative `xsl:import` and `xsl:include` resolve). saxonche is imported only then,
so `import teikit.render` stays light. Callers may pass only the `xsl:param`s the stylesheets
declare; every value goes in as `xs:untypedAtomic`, so Saxon converts it to the declared type.

An executable keeps its parameters between calls, so rendering is not thread-safe: use one thread
per process (the batch commands use a process pool).
"""

from __future__ import annotations

import atexit
import hashlib
import re
import shutil
import tempfile
from functools import cache
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Protocol
from urllib.parse import unquote, urlparse

from teikit.errors import DOCTYPE_REFUSED, Location, RenderError
from teikit.resources import transform_path

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

__all__ = [
    "DIGEST",
    "DIPLOMATIC",
    "HTML",
    "INDEX",
    "REGISTER",
    "TEXT",
    "compile_stylesheet",
    "declared_params",
    "digest",
    "render_diplomatic",
    "render_html",
    "render_index",
    "render_registers",
    "render_text",
    "store_digest",
]

HTML = "html/html.xsl"
"""Entry point for one document's HTML page."""
INDEX = "html/index.xsl"
"""Entry point for the index page of a set of documents."""
DIGEST = "common/digest.xsl"
"""Entry point for one document's digest: the facts and mentions the index and register pages read."""
REGISTER = "html/register.xsl"
"""Entry point for a register's pages: one per entry, and the register's index."""
TEXT = "text/text.xsl"
"""Entry point for one document's plain reading text."""
DIPLOMATIC = "text/diplomatic.xsl"
"""Entry point for one document's diplomatic text: the transcript's words, without what teikit added."""


class _Executable(Protocol):
    """The part of saxonche's PyXsltExecutable (a compiled stylesheet) that teikit calls; saxonche is a
    compiled extension without type stubs."""

    def clear_parameters(self) -> None: ...
    def set_parameter(self, name: str, value: object) -> None: ...
    def set_base_output_uri(self, base_uri: str) -> None: ...
    def call_template_returning_string(self) -> str | None: ...
    def transform_to_string(self, *, source_file: str) -> str | None: ...


class _Compiler(Protocol):
    """The part of saxonche's PyXslt30Processor that teikit calls."""

    def compile_stylesheet(self, *, stylesheet_file: str) -> _Executable: ...


class _Processor(Protocol):
    """The part of saxonche's PySaxonProcessor that teikit calls."""

    def set_configuration_property(self, name: str, value: str) -> None: ...
    def make_atomic_value(self, value_type: str, value: str) -> object: ...
    def new_xslt30_processor(self) -> _Compiler: ...


_XSL = "{http://www.w3.org/1999/XSL/Transform}"
_XML_NS = "{http://www.w3.org/XML/1998/namespace}"
_INDEX_DOCUMENTS = "documents"
_REGISTER = "register"
# Saxon names places as "on line 3 column 55 of bad.xsl" or "(in expression on line 3) of file:/x.xsl".
_WHERE = re.compile(r"on line (\d+)(?: column (\d+))?\)? of (\S+?):?(?:\s|$)")
# …and describe it on the indented lines after that header: "  XPST0003  Unexpected token…".
_DESCRIPTION = re.compile(r"^Error\b.*\n {2}(\S+) +(.*(?:\n {2}\S.*)*)", re.MULTILINE)
_OWN_CODE = re.compile(r"[a-z][a-z-]*")
# Saxon writes its diagnostics to stderr unless its configuration names a file.
_SAXON_CONFIG = """<configuration xmlns="http://saxon.sf.net/ns/configuration" edition="HE">
  <global standardErrorOutputFile="{log}"/>
</configuration>
"""
# No DTDs, hence no external entities, in the documents Saxon reads (source and doc()).
_DOCTYPE_FEATURE = "http://apache.org/xml/features/disallow-doctype-decl"
_NO_DOCTYPE = "http://saxon.sf.net/feature/parserFeature?uri=" + _DOCTYPE_FEATURE.replace("://", "%3A//")


def render_html(tei: Path, params: Mapping[str, str] | None = None) -> str:
    """The HTML5 page of one TEI document."""
    return _transform(HTML, params, [tei], lambda ex: ex.transform_to_string(source_file=str(tei)))


def render_text(tei: Path, params: Mapping[str, str] | None = None) -> str:
    """The plain reading text of one TEI document."""
    return _transform(TEXT, params, [tei], lambda ex: ex.transform_to_string(source_file=str(tei)))


def render_diplomatic(tei: Path, params: Mapping[str, str] | None = None) -> str:
    """The diplomatic text of one TEI document: the transcript's words, without what teikit added."""
    return _transform(DIPLOMATIC, params, [tei], lambda ex: ex.transform_to_string(source_file=str(tei)))


def render_index(teis: Sequence[Path], params: Mapping[str, str] | None = None) -> str:
    """The HTML5 index page listing `teis`, each linked to its page `<stem>.html`."""
    if params and _INDEX_DOCUMENTS in params:
        raise RenderError(f"{INDEX}: parameter {_INDEX_DOCUMENTS!r} is set from `teis`", code="param")
    documents = " ".join(digest(tei).as_uri() for tei in teis)
    return _transform(
        INDEX,
        {**(params or {}), _INDEX_DOCUMENTS: documents},
        teis,
        lambda ex: ex.call_template_returning_string(),
    )


def render_registers(
    register: Path, teis: Sequence[Path], params: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The pages of one register (`persons.xml`, `places.xml` or `orgs.xml`), by path relative to the site:
    `<folder>/index.html` and one `<folder>/<id>.html` per entry, listing every mention in `teis`."""
    reserved = {_INDEX_DOCUMENTS, _REGISTER} & set(params or {})
    if reserved:
        raise RenderError(
            f"{REGISTER}: parameter {', '.join(sorted(reserved))!r} is set from the arguments", code="param"
        )
    _check_entry_ids(Path(register))
    documents = " ".join(digest(tei).as_uri() for tei in teis)
    fixed = {_INDEX_DOCUMENTS: documents, _REGISTER: Path(register).resolve().as_uri()}
    with tempfile.TemporaryDirectory(prefix="teikit-pages-") as tmp:
        out = Path(tmp)

        def run(executable: _Executable) -> str | None:
            executable.set_base_output_uri(out.as_uri() + "/")
            return executable.call_template_returning_string()

        _transform(
            REGISTER, {**(params or {}), **fixed}, [register, *teis], run
        )  # every page is a result document
        return {
            p.relative_to(out).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(out.rglob("*"))
            if p.is_file()
        }


_ENTRY_ID = re.compile(r"\w[\w.-]*")
"""An entry id that can name its page: a plain file name (transforms/common/functions.xsl,
tk:output-file, refuses others too)."""
_ENTRIES = tuple(f"{{http://www.tei-c.org/ns/1.0}}{name}" for name in ("person", "place", "org"))


def _check_entry_ids(register: Path) -> None:
    """Refuse (RenderError, code `unsafe-id`, at its line) a register whose entry id could not name a
    page inside the output folder: a path, an absolute name, a backslash."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, recover=True)
    try:
        root = etree.parse(str(register), parser).getroot()
    except (OSError, etree.XMLSyntaxError) as err:
        raise RenderError(f"cannot read register: {err}", Location(str(register)), code="not-found") from err
    if root is None:  # nothing recovered: the stylesheet reports the register as no register
        return
    for entry in root.iter(*_ENTRIES):
        entry_id = entry.get(f"{_XML_NS}id")
        if entry_id is not None and not _ENTRY_ID.fullmatch(entry_id):
            raise RenderError(
                f"the id {entry_id!r} cannot name a page: an id is letters, digits, '_', '.' and '-', "
                "and starts with a letter or digit",
                Location(str(register), entry.sourceline if isinstance(entry.sourceline, int) else 1),
                code="unsafe-id",
            )


def digest(tei: Path) -> Path:
    """The digest of one TEI document (transforms/common/digest.xsl): its facts and register mentions,
    made once per process and file version and kept in a private folder, so the corpus-wide pages
    read digests rather than whole documents."""
    key = _version(tei)
    if key not in _digests:
        text = _transform(DIGEST, None, [key[0]], lambda ex: ex.transform_to_string(source_file=str(key[0])))
        _digests[key] = _write_digest(key, text)
    return _digests[key]


def store_digest(tei: Path, text: str) -> Path:
    """Keep `text` as the digest of `tei` as it is now: one that `digest` made in another process."""
    key = _version(tei)
    if key not in _digests:  # made in this process already (build's single-process path): nothing to keep
        _digests[key] = _write_digest(key, text)
    return _digests[key]


_Version = tuple[Path, int, int]
_digests: dict[_Version, Path] = {}
"""The digest file of each document version (path, mtime, size) made or stored in this process."""


def _version(tei: Path) -> _Version:
    path = Path(tei).resolve()
    try:
        stat = path.stat()
    except OSError as err:
        raise RenderError(f"no such file: {tei}", code="not-found") from err
    return path, stat.st_mtime_ns, stat.st_size


def _write_digest(key: _Version, text: str) -> Path:
    target = _workdir() / "digests" / f"{hashlib.sha256(repr(key).encode()).hexdigest()}.xml"
    target.parent.mkdir(exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def compile_stylesheet(name: str) -> None:
    """Compile stylesheet `name` (e.g. `html/html.xsl`) now rather than on first use; RenderError if it fails."""
    _executable(name)


def declared_params(stylesheet_name: str) -> set[str]:
    """Names of the global `xsl:param`s of a stylesheet and every module it imports or includes."""
    return set(_declared_params(stylesheet_name))


@cache
def _declared_params(stylesheet_name: str) -> frozenset[str]:
    from lxml import etree

    names: set[str] = set()
    for module in _modules(transform_path(stylesheet_name)):
        root = etree.parse(str(module)).getroot()
        names.update(param.get("name", "") for param in root.iterchildren(f"{_XSL}param"))
    return frozenset(names)


def _modules(entry: Path) -> list[Path]:
    """The stylesheet `entry` and every module reached through xsl:import and xsl:include."""
    from lxml import etree

    seen: list[Path] = []
    todo = [entry.resolve()]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.append(path)
        try:
            root = etree.parse(str(path)).getroot()
        except (OSError, etree.XMLSyntaxError) as err:
            line = getattr(err, "lineno", None)
            location = Location(str(path), line) if line else None
            raise RenderError(f"cannot read stylesheet {path.name}: {err}", location, code="compile") from err
        for link in root.iterchildren(f"{_XSL}import", f"{_XSL}include"):
            todo.append((path.parent / link.get("href", "")).resolve())
    return seen


def _transform(
    name: str,
    params: Mapping[str, str] | None,
    inputs: Sequence[Path],
    run: Callable[[_Executable], str | None],
) -> str:
    """Run compiled stylesheet `name` with `params`; Saxon's errors become RenderError."""
    undeclared = sorted(set(params or {}) - _declared_params(name))
    if undeclared:
        known = ", ".join(sorted(_declared_params(name)))
        raise RenderError(
            f"{name} declares no parameter {', '.join(undeclared)} (it declares: {known})", code="param"
        )
    missing = [str(path) for path in inputs if not Path(path).is_file()]
    if missing:
        raise RenderError(f"no such file: {', '.join(missing)}", code="not-found")
    from saxonche import PySaxonApiError

    executable = _executable(name)
    processor = _processor()
    executable.clear_parameters()
    for key, value in (params or {}).items():
        lexical = str(value).lower() if isinstance(value, bool) else str(value)
        executable.set_parameter(key, processor.make_atomic_value("untypedAtomic", lexical))
    mark = _log_size()
    try:
        return run(executable) or ""
    except PySaxonApiError as err:
        raise _error(name, err, mark, inputs, "transform") from err


@cache
def _processor() -> _Processor:
    """The process's one Saxon processor, its messages sent to a log of its own instead of stderr."""
    from saxonche import PySaxonProcessor

    folder = _workdir()
    config = folder / "saxon.xml"
    config.write_text(_SAXON_CONFIG.format(log=escape(str(folder / "saxon.log"))), encoding="utf-8")
    processor: _Processor = PySaxonProcessor(config_file=str(config))
    processor.set_configuration_property(_NO_DOCTYPE, "true")
    return processor


@cache
def _workdir() -> Path:
    """A private folder for Saxon's configuration and log, removed when the process exits."""
    folder = Path(tempfile.mkdtemp(prefix="teikit-saxon-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def _log_path() -> Path:
    return _workdir() / "saxon.log"


def _log_size() -> int:
    try:
        return _log_path().stat().st_size
    except FileNotFoundError:
        return 0


@cache
def _executable(name: str) -> _Executable:
    """Stylesheet `name` compiled once per process."""
    from saxonche import PySaxonApiError

    path = transform_path(name)
    if not path.is_file():
        raise RenderError(f"no stylesheet {name} in {path.parent}", code="compile")
    mark = _log_size()
    try:
        return _processor().new_xslt30_processor().compile_stylesheet(stylesheet_file=str(path))
    except PySaxonApiError as err:
        raise _error(name, err, mark, (), "compile") from err


def _error(name: str, err: Exception, mark: int, inputs: Iterable[Path], code: str) -> RenderError:
    """A RenderError for Saxon's `err`, located where Saxon's report (or its log since `mark`) says.

    Saxon reports a header naming the place ("Error … on line 3 column 55 of bad.xsl:"), then an
    indented "CODE  description". A lower-case code is one of the stylesheets' own (`error()` in
    the urn:x-teikit:xslt namespace): a problem of the input, so it becomes the error's code and
    the stylesheet is not named as the place.
    """
    try:
        with _log_path().open(encoding="utf-8", errors="replace") as log:
            log.seek(mark)
            detail = log.read()
    except FileNotFoundError:
        detail = ""
    text = str(err).strip()
    report = text if _WHERE.search(text) else detail
    found = _WHERE.search(report)
    described = _DESCRIPTION.search(report)
    if described:
        saxon_code, message = described.group(1), " ".join(described.group(2).split())
    else:
        saxon_code, message = "", " ".join((text or detail).split()) or type(err).__name__
    if _OWN_CODE.fullmatch(saxon_code):
        return RenderError(message, code=saxon_code)
    doctype = _DOCTYPE_FEATURE in message  # the parser's words for the policy validate states too
    if doctype:
        saxon_code, message, code = "", DOCTYPE_REFUSED, "doctype"
    if saxon_code:
        message = f"{saxon_code} {message}"
    if found is None:
        return RenderError(f"{transform_path(name)}: {message}", code=code)
    line, column, file = found.groups()
    path = _find_file(file, name, inputs)
    if path.name != Path(name).name and not doctype:
        message = f"{message} (rendering with {name})"
    return RenderError(message, Location(str(path), int(line), int(column) if column else None), code=code)


def _find_file(file: str, name: str, inputs: Iterable[Path]) -> Path:
    """The stylesheet module or input document that Saxon calls `file` (a URI or a bare file name)."""
    if file.startswith("file:"):
        return Path(unquote(urlparse(file).path))
    for candidate in [*_modules(transform_path(name)), *inputs]:
        if Path(candidate).name == file:
            return Path(candidate)
    return transform_path(name).parent / file
