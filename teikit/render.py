"""Render TEI with the bundled XSLT 3.0 stylesheets (saxonche): document pages, the index, plain text.

A `Renderer` owns everything rendering keeps: one Saxon processor, each stylesheet compiled on it once
(on first use, from its real file path, so relative `xsl:import` and `xsl:include` resolve), and the
digests it made, in a private folder removed when it is closed. The module keeps no state of its own:
`render_html` and the other functions use the Renderer they are given, or a new one for the call.
saxonche is imported only when a Renderer first needs it. Callers may pass only the `xsl:param`s the
stylesheets declare; every value goes in as `xs:untypedAtomic`, so Saxon converts it to the declared type.

A compiled stylesheet keeps its parameters between calls, so a Renderer is not thread-safe: use one per
thread or process (the batch commands give each worker process its own).
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from html import escape
from os import PathLike
from pathlib import Path
from types import TracebackType
from typing import Protocol, TypeVar
from urllib.parse import unquote, urlparse

from teikit.errors import DOCTYPE_REFUSED, ArgumentError, Location, RenderError
from teikit.resources import transform_path
from teikit.sources import XmlInput, XmlSource, path_list, xml_input

__all__ = [
    "DIGEST",
    "DIPLOMATIC",
    "HTML",
    "INDEX",
    "REGISTER",
    "TEXT",
    "Params",
    "Renderer",
    "compile_stylesheet",
    "declared_params",
    "render_diplomatic",
    "render_html",
    "render_index",
    "render_registers",
    "render_text",
]

T = TypeVar("T")

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
    def transform_to_string(self, *, source_file: str = ..., xdm_node: object = ...) -> str | None: ...


class _Compiler(Protocol):
    """The part of saxonche's PyXslt30Processor that teikit calls."""

    def compile_stylesheet(self, *, stylesheet_file: str) -> _Executable: ...


class _DocumentBuilder(Protocol):
    """The part of saxonche's PyDocumentBuilder that teikit calls."""

    def set_line_numbering(self, value: bool) -> None: ...
    def set_base_uri(self, base_uri: str) -> None: ...
    def parse_xml(self, *, xml_text: str) -> object: ...


class _Processor(Protocol):
    """The part of saxonche's PySaxonProcessor that teikit calls."""

    def new_document_builder(self) -> _DocumentBuilder: ...
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
_LINE = re.compile(r"on line (\d+)(?: column (\d+))?")
_OWN_CODE = re.compile(r"[a-z][a-z-]*")
# Saxon writes its diagnostics to stderr unless its configuration names a file.
_SAXON_CONFIG = """<configuration xmlns="http://saxon.sf.net/ns/configuration" edition="HE">
  <global standardErrorOutputFile="{log}"/>
</configuration>
"""
# No DTDs, hence no external entities, in the documents Saxon reads (source and doc()).
_DOCTYPE_FEATURE = "http://apache.org/xml/features/disallow-doctype-decl"
_NO_DOCTYPE = "http://saxon.sf.net/feature/parserFeature?uri=" + _DOCTYPE_FEATURE.replace("://", "%3A//")


Params = Mapping[str, str | int | float | bool | None]
"""`xsl:param` values by name: strings, numbers or booleans (written `true`/`false`); None leaves one unset."""


class Renderer:
    """One Saxon processor, the stylesheets compiled on it (each once, on first use), and the digests it
    made: render many documents with one Renderer, so that nothing is compiled twice.

    Use it as a context manager (or call `close`): its private folder (Saxon's configuration and log,
    the digests) is removed on exit. A Renderer serves one thread; each worker process makes its own.
    """

    def __init__(self) -> None:
        self._folder: Path | None = None
        self._cleanup: weakref.finalize[[str], Renderer] | None = None
        self._saxon: _Processor | None = None
        self._executables: dict[str, _Executable] = {}
        self._params: dict[str, frozenset[str]] = {}
        self._digests: dict[_Version, Path] = {}
        self._closed = False

    def __enter__(self) -> Renderer:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Remove the private folder and let go of Saxon; a closed Renderer refuses to render."""
        self._closed = True
        self._executables.clear()
        self._digests.clear()
        self._saxon = None
        if self._cleanup is not None:
            self._cleanup()

    def html(self, source: XmlSource, params: Params | None = None) -> str:
        """The HTML5 page of one TEI document (`source`: a path, a str or bytes of XML, or an lxml tree)."""
        return self._document(HTML, source, params, "html")

    def text(self, source: XmlSource, params: Params | None = None) -> str:
        """The plain reading text of one TEI document."""
        return self._document(TEXT, source, params, "text")

    def diplomatic(self, source: XmlSource, params: Params | None = None) -> str:
        """The diplomatic text of one TEI document: the transcript's words, without what teikit added."""
        return self._document(DIPLOMATIC, source, params, "diplomatic")

    def index(self, teis: Sequence[str | PathLike[str]], params: Params | None = None) -> str:
        """The HTML5 index page listing the TEI files `teis`, each linked to its page `<stem>.html`."""
        paths = _paths(teis, "index", "teis")
        if params and _INDEX_DOCUMENTS in params:
            raise RenderError(f"{INDEX}: parameter {_INDEX_DOCUMENTS!r} is set from `teis`", code="param")
        documents = " ".join(self.digest(tei).as_uri() for tei in paths)
        return self._transform(
            INDEX,
            {**(params or {}), _INDEX_DOCUMENTS: documents},
            paths,
            lambda ex: ex.call_template_returning_string(),
        )

    def registers(
        self, register: str | PathLike[str], teis: Sequence[str | PathLike[str]], params: Params | None = None
    ) -> dict[str, str]:
        """The pages of one register file (`persons.xml`, `places.xml` or `orgs.xml`), by path relative to
        the site: `<folder>/index.html` and one `<folder>/<id>.html` per entry, listing every mention in
        the TEI files `teis`."""
        register = _paths(register, "registers", "register")[0]
        paths = _paths(teis, "registers", "teis")
        reserved = {_INDEX_DOCUMENTS, _REGISTER} & set(params or {})
        if reserved:
            raise RenderError(
                f"{REGISTER}: parameter {', '.join(sorted(reserved))!r} is set from the arguments",
                code="param",
            )
        _check_entry_ids(register)
        documents = " ".join(self.digest(tei).as_uri() for tei in paths)
        fixed = {_INDEX_DOCUMENTS: documents, _REGISTER: register.resolve().as_uri()}
        with tempfile.TemporaryDirectory(prefix="pages-", dir=self._workdir()) as tmp:
            out = Path(tmp)

            def run(executable: _Executable) -> str | None:
                executable.set_base_output_uri(out.as_uri() + "/")
                return executable.call_template_returning_string()

            # Every page is a result document, written into `out`.
            self._transform(REGISTER, {**(params or {}), **fixed}, [register, *paths], run)
            return {
                p.relative_to(out).as_posix(): p.read_text(encoding="utf-8")
                for p in sorted(out.rglob("*"))
                if p.is_file()
            }

    def digest(self, tei: str | PathLike[str]) -> Path:
        """The digest of the TEI file `tei` (transforms/common/digest.xsl): its facts and register mentions,
        made once per file version and kept in the Renderer's folder, so the corpus-wide pages read
        digests rather than whole documents."""
        key = _version(_paths(tei, "digest", "tei")[0])
        if key not in self._digests:
            text = self._transform(
                DIGEST, None, [key[0]], lambda ex: ex.transform_to_string(source_file=str(key[0]))
            )
            self._digests[key] = self._write_digest(key, text)
        return self._digests[key]

    def store_digest(self, tei: str | PathLike[str], text: str) -> Path:
        """Keep `text` as the digest of the TEI file `tei` as it is now: one another Renderer made (in a
        worker process)."""
        key = _version(_paths(tei, "store_digest", "tei")[0])
        if key not in self._digests:
            self._digests[key] = self._write_digest(key, text)
        return self._digests[key]

    def compile(self, name: str) -> None:
        """Compile stylesheet `name` (e.g. `html/html.xsl`) now rather than on first use; RenderError if it fails."""
        self._executable(name)

    def declared_params(self, name: str) -> frozenset[str]:
        """The names of the global `xsl:param`s of stylesheet `name` and of every module it reaches."""
        if name not in self._params:
            self._params[name] = frozenset(declared_params(name))
        return self._params[name]

    # -- Saxon ----------------------------------------------------------------------------------

    def _document(self, name: str, source: XmlSource, params: Params | None, function: str) -> str:
        given = xml_input(source, function=f"render_{function}")
        if given.path is not None:
            path = given.path
            # Absolute: Saxon resolves a relative name against the folder its processor started in,
            # so after a chdir it would read another file of the same name.
            where = str(path.resolve())
            return self._transform(name, params, [path], lambda ex: ex.transform_to_string(source_file=where))
        self._check_params(name, params)
        node = self._parse(given)
        return self._transform(name, params, [], lambda ex: ex.transform_to_string(xdm_node=node))

    def _parse(self, given: XmlInput) -> object:
        """A document held in memory, parsed by Saxon (no DTD, as for files) with its base URI."""
        from saxonche import PySaxonApiError

        text = given.text()
        processor = self._processor()
        builder = processor.new_document_builder()
        builder.set_line_numbering(True)
        if given.base_uri:
            builder.set_base_uri(given.base_uri)
        mark = self._log_size()
        try:
            return builder.parse_xml(xml_text=text)
        except PySaxonApiError as err:
            # Saxon logs "Error on line 3 column 3", then "  CODE  description": no file, there is none.
            report = self._log_since(mark) or str(err)
            where = _LINE.search(report)
            described = _DESCRIPTION.search(report)
            message = " ".join(described.group(2).split()) if described else " ".join(str(err).split())
            if _DOCTYPE_FEATURE in message:
                message = DOCTYPE_REFUSED
            line, column = (int(where[1]), int(where[2]) if where[2] else None) if where else (1, None)
            raise RenderError(message, Location(given.name, line, column), code="syntax") from err

    def _check_params(self, name: str, params: Params | None) -> None:
        if params is not None and (
            not isinstance(params, Mapping) or not all(isinstance(key, str) for key in params)
        ):
            raise ArgumentError(
                f"params=…: got {type(params).__name__} {params!r:.60}: the parameters are a mapping of "
                "names (str) to values, e.g. {'site-title': 'Records'}"
            )
        declared = self.declared_params(name)
        undeclared = sorted(set(params or {}) - declared)
        if undeclared:
            raise RenderError(
                f"{name} declares no parameter {', '.join(undeclared)} (it declares: {', '.join(sorted(declared))})",
                code="param",
            )
        for key, value in (params or {}).items():
            if value is not None and not isinstance(value, str | int | float | bool):
                raise ArgumentError(
                    f"parameter {key!r}: got {type(value).__name__} {value!r}: "
                    "a parameter's value is a string, a number, true or false, or None to leave it unset"
                )

    def _transform(
        self,
        name: str,
        params: Params | None,
        inputs: Sequence[Path],
        run: Callable[[_Executable], str | None],
    ) -> str:
        """Run compiled stylesheet `name` with `params`; Saxon's errors become RenderError."""
        self._check_params(name, params)
        missing = [str(path) for path in inputs if not Path(path).is_file()]
        if missing:
            raise RenderError(f"no such file: {', '.join(missing)}", code="not-found")
        from saxonche import PySaxonApiError

        executable = self._executable(name)
        processor = self._processor()
        executable.clear_parameters()
        for key, value in (params or {}).items():
            if value is None:  # unset: the stylesheet's default
                continue
            lexical = str(value).lower() if isinstance(value, bool) else str(value)
            executable.set_parameter(key, processor.make_atomic_value("untypedAtomic", lexical))
        mark = self._log_size()
        try:
            return run(executable) or ""
        except PySaxonApiError as err:
            raise self._error(name, err, mark, inputs, "transform") from err

    def _processor(self) -> _Processor:
        """The Renderer's Saxon processor, its messages sent to a log of its own instead of stderr."""
        if self._saxon is None:
            from saxonche import PySaxonProcessor

            folder = self._workdir()
            config = folder / "saxon.xml"
            config.write_text(_SAXON_CONFIG.format(log=escape(str(folder / "saxon.log"))), encoding="utf-8")
            processor: _Processor = PySaxonProcessor(config_file=str(config))
            processor.set_configuration_property(_NO_DOCTYPE, "true")
            self._saxon = processor
        return self._saxon

    def _executable(self, name: str) -> _Executable:
        """Stylesheet `name`, compiled once per Renderer."""
        if name not in self._executables:
            from saxonche import PySaxonApiError

            path = transform_path(name)
            if not path.is_file():
                raise RenderError(f"no stylesheet {name} in {path.parent}", code="compile")
            compiler = self._processor().new_xslt30_processor()
            mark = self._log_size()
            try:
                self._executables[name] = compiler.compile_stylesheet(stylesheet_file=str(path))
            except PySaxonApiError as err:
                raise self._error(name, err, mark, (), "compile") from err
        return self._executables[name]

    def _workdir(self) -> Path:
        """The private folder for Saxon's configuration and log and the digests, made on first use."""
        if self._closed:
            raise RenderError("this Renderer is closed: make a new one", code="closed")
        if self._folder is None:
            self._folder = Path(tempfile.mkdtemp(prefix="teikit-render-"))
            # Removed by close(), or when the Renderer is collected or the interpreter exits.
            self._cleanup = weakref.finalize(self, _remove, str(self._folder))
        return self._folder

    def _write_digest(self, key: _Version, text: str) -> Path:
        target = self._workdir() / "digests" / f"{hashlib.sha256(repr(key).encode()).hexdigest()}.xml"
        target.parent.mkdir(exist_ok=True)
        target.write_text(text, encoding="utf-8")
        return target

    def _log_size(self) -> int:
        try:
            return (self._workdir() / "saxon.log").stat().st_size
        except FileNotFoundError:
            return 0

    def _error(self, name: str, err: Exception, mark: int, inputs: Iterable[Path], code: str) -> RenderError:
        return _error(name, err, self._log_since(mark), inputs, code)

    def _log_since(self, mark: int) -> str:
        """What Saxon has logged since the log had `mark` bytes."""
        try:
            with (self._workdir() / "saxon.log").open(encoding="utf-8", errors="replace") as log:
                log.seek(mark)
                return log.read()
        except FileNotFoundError:
            return ""


def _remove(folder: str) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def render_html(source: XmlSource, params: Params | None = None, *, renderer: Renderer | None = None) -> str:
    """The HTML5 page of one TEI document: `source` is a path, a str or bytes of XML, or an lxml tree.

    :param params: values for the stylesheets' `xsl:param`s (transforms/common/params.xsl), e.g.
        `{"site-title": "Records"}`; a None value leaves a parameter unset.
    :param renderer: the Renderer to use; default: a new one for this call (for many documents, make
        one Renderer and pass it, so the stylesheet is compiled once).
    Raises ArgumentError for a source or parameter value of the wrong type, InputError when the file
    cannot be read, RenderError when Saxon fails or a parameter is not declared.
    """
    return _with(renderer, lambda r: r.html(source, params))


def render_text(source: XmlSource, params: Params | None = None, *, renderer: Renderer | None = None) -> str:
    """The plain reading text of one TEI document; parameters and errors as for `render_html`."""
    return _with(renderer, lambda r: r.text(source, params))


def render_diplomatic(
    source: XmlSource, params: Params | None = None, *, renderer: Renderer | None = None
) -> str:
    """The diplomatic text of one TEI document: the transcript's words, without what teikit added."""
    return _with(renderer, lambda r: r.diplomatic(source, params))


def render_index(
    teis: Sequence[str | PathLike[str]], params: Params | None = None, *, renderer: Renderer | None = None
) -> str:
    """The HTML5 index page listing the TEI files `teis`, each linked to its page `<stem>.html`."""
    return _with(renderer, lambda r: r.index(teis, params))


def render_registers(
    register: str | PathLike[str],
    teis: Sequence[str | PathLike[str]],
    params: Params | None = None,
    *,
    renderer: Renderer | None = None,
) -> dict[str, str]:
    """The pages of one register, by path relative to the site (see `Renderer.registers`)."""
    return _with(renderer, lambda r: r.registers(register, teis, params))


def compile_stylesheet(name: str) -> None:
    """Compile stylesheet `name` (e.g. `html/html.xsl`) on a new Renderer: RenderError if it fails."""
    _with(None, lambda r: r.compile(name))


def _with(renderer: Renderer | None, run: Callable[[Renderer], T]) -> T:
    if renderer is not None:
        if not isinstance(renderer, Renderer):
            raise ArgumentError(f"renderer=…: got {type(renderer).__name__}, expected a teikit Renderer")
        return run(renderer)
    with Renderer() as fresh:
        return run(fresh)


def _paths(value: object, function: str, parameter: str) -> list[Path]:
    return path_list(value, function=f"Renderer.{function}", parameter=parameter)


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


_Version = tuple[Path, int, int]
"""A document version: its resolved path, mtime and size."""


def _version(tei: Path) -> _Version:
    path = Path(tei).resolve()
    try:
        stat = path.stat()
    except OSError as err:
        raise RenderError(f"no such file: {tei}", code="not-found") from err
    return path, stat.st_mtime_ns, stat.st_size


def declared_params(stylesheet_name: str) -> set[str]:
    """Names of the global `xsl:param`s of a stylesheet and every module it imports or includes."""
    from lxml import etree

    names: set[str] = set()
    for module in _modules(transform_path(stylesheet_name)):
        root = etree.parse(str(module)).getroot()
        names.update(param.get("name", "") for param in root.iterchildren(f"{_XSL}param"))
    return names


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


def _error(name: str, err: Exception, detail: str, inputs: Iterable[Path], code: str) -> RenderError:
    """A RenderError for Saxon's `err`, located where Saxon's report (or its log, `detail`) says.

    Saxon reports a header naming the place ("Error … on line 3 column 55 of bad.xsl:"), then an
    indented "CODE  description". A lower-case code is one of the stylesheets' own (`error()` in
    the urn:x-teikit:xslt namespace): a problem of the input, so it becomes the error's code and
    the stylesheet is not named as the place.
    """
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
