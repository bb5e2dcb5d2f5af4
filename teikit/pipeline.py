"""Files -> convert -> TEI -> validate -> write and render, for one file or a corpus.

Returns result records and never prints; the CLI decides what to show.
"""

from __future__ import annotations

import glob
import multiprocessing
import multiprocessing.connection
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple, TypeVar

from lxml import etree
from pydantic import Field

from teikit import config, edition, files, gazetteer, register_file, registers, tei
from teikit.claims import Claims
from teikit.config import BuildOptions
from teikit.errors import ArgumentError, InputError, Location, RenderError, TeikitError
from teikit.model import Document, Issue, Record, ReviewNote
from teikit.render import Renderer
from teikit.sources import check_type, path_list
from teikit.transcript import csv_export, detect, parse_transcript
from teikit.transcript.people import slug

if TYPE_CHECKING:
    from teikit.cache import ValidationCache

T = TypeVar("T")

TRANSCRIPT_SUFFIXES = (".txt", ".md", ".csv")
INDEX_SORTS = ("date", "type", "title", "participants")
"""The orders the index is published in, one page each."""


Status = Literal["written", "unchanged", "kept-edits", "error"]


class FileResult(Record):
    """What happened to one input file."""

    source: str
    status: Status
    kind: Literal["encoding", "register"] = "encoding"
    """`kept-edits`: the existing output was changed by hand and was not overwritten."""
    output: str | None = None
    """The output file (written, or left as it was)."""
    error: str | None = None
    """`path:line:col: message` when the file could not be processed."""
    review: tuple[ReviewNote, ...] = ()
    """The converter's uncertain calls, for the review report."""


class BuildReport(Record):
    """The outcome of `build`: one result per transcript, every validation issue, every page written."""

    converted: tuple[FileResult, ...] = ()
    issues: tuple[Issue, ...] = ()
    pages: tuple[str, ...] = ()
    texts: tuple[str, ...] = ()
    errors: tuple[str, ...] = Field(default=())
    """Errors other than per-file conversion errors (rendering)."""

    @property
    def ok(self) -> bool:
        """True when every transcript was converted, no encoding has a validation error, and every page was
        rendered."""
        return (
            not self.errors
            and all(r.status != "error" for r in self.converted)
            and not any(i.severity == "error" for i in self.issues)
        )


def read_document(source: str | Path, *, strict: bool = False) -> Document:
    """Read and parse one transcript file (`strict`: refuse text in no known layout)."""
    return parse_transcript(files.read_text(source), str(source), strict=strict)


def read_documents(source: str | Path, *, strict: bool = False) -> list[Document]:
    """The documents in one file: one per row of a CSV export, else the transcript itself."""
    if Path(source).suffix.lower() == ".csv":
        rows = csv_export.iter_rows(files.read_lines(source), str(source))
        return [parse_transcript(row.text, str(source), doc_id=slug(row.doc_id)) for row in rows]
    return [read_document(source, strict=strict)]


def explain(source: str | Path, *, strict: bool = False) -> str:
    """Which layout a transcript file has and why, and the evidence each speaker label shape was read by:
    what `teikit convert --explain` prints."""
    if Path(source).suffix.lower() == ".csv":
        rows = sum(1 for _ in csv_export.iter_rows(files.read_lines(source), str(source)))
        return (
            f"{source}: csv-export: line 1: a header with a text_body column; {rows} documents, one per row"
        )
    text = files.read_text(source)
    _, found = detect(text, str(source), strict=strict)
    doc = parse_transcript(text, str(source), strict=strict)
    return "\n".join([f"{source}: {found}", *(f"{source}: {why}" for why in doc.evidence)])


Transcript = str | PathLike[str] | bytes
"""A transcript: the path of its file (a str or path-like), or its bytes (decoded as a file's are)."""


def parse(source: Transcript, *, strict: bool = False) -> Document:
    """A transcript parsed into the Document model, before any TEI is built (`to_tei` builds it).

    :param source: the transcript's file (a str or path-like path), or its bytes, decoded as a file's
        are (UTF-8, or UTF-16 with a byte-order mark). A `str` is always a path: for text already in a
        string, use `convert_text`, or pass `text.encode()`.
    :param strict: refuse a transcript in no known layout (InputError, code `unknown-layout`) instead
        of reading it as plain paragraphs.
    Raises ArgumentError for anything else (None, a number, an lxml tree), InputError when the
    transcript cannot be read or is empty, binary, undecodable or holds control characters.
    """
    return _parse(source, strict, "parse")


def convert(source: Transcript, *, strict: bool = False) -> etree._ElementTree:
    """The TEI encoding of a transcript, as an lxml tree: `to_tei(parse(source))`.

    Arguments and errors as for `parse`; `teikit.validate` and `teikit.render_html` take the tree as it is.
    """
    return to_tei(_parse(source, strict, "convert"))


def convert_text(text: str, path: str = "<string>") -> etree._ElementTree:
    """The TEI encoding of a transcript given as text.

    :param path: the name messages and review notes give the text.
    Raises ArgumentError when `text` is not a str, InputError when it is empty or blank (code `empty`,
    as `teikit convert` refuses an empty file) or holds a control character (code `control-char`,
    at its line and column).
    """
    check_type(text, str, function="convert_text", parameter="text", what="the transcript's text (str)")
    check_type(path, str, function="convert_text", parameter="path", what="a name for the text (str)")
    return tei.build_tei(parse_transcript(files.check_text(text, path), path))


def to_tei(document: Document) -> etree._ElementTree:
    """The TEI encoding of a parsed transcript (a Document from `parse`), as an lxml tree."""
    check_type(
        document, Document, function="to_tei", parameter="document", what="a teikit Document (from parse)"
    )
    return tei.build_tei(document)


def _parse(source: object, strict: object, function: str) -> Document:
    check_type(strict, bool, function=function, parameter="strict", what="True or False")
    assert isinstance(strict, bool)
    if isinstance(source, bytes | bytearray):
        return parse_transcript(files.decode(bytes(source), "<bytes>"), "<bytes>", strict=strict)
    if isinstance(source, str) and ("\n" in source or not source.strip()):
        why = "it is empty" if not source.strip() else "it holds line breaks, like a transcript's text"
        raise ArgumentError(
            f"{function}(source=…): a str is the path of a transcript file, and {why}; "
            "for a transcript's text use convert_text(text), or pass its bytes"
        )
    if isinstance(source, str | PathLike):
        return read_document(Path(source), strict=strict)
    raise ArgumentError(
        f"{function}(source=…): got {type(source).__name__} {source!r:.60}: a transcript is the path of its "
        "file (str or path-like) or its bytes; for text in a str use convert_text"
    )


def transcript_files(paths: Iterable[str | Path]) -> list[Path]:
    """The transcripts named, with folders expanded to their *.txt, *.md and *.csv files, sorted. Nothing is
    opened: a name that is not a regular file (a FIFO, a broken link) is kept, for reading to refuse it."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(sorted(f for f in p.iterdir() if f.suffix in TRANSCRIPT_SUFFIXES and not f.is_dir()))
        else:
            found.append(p)
    first: dict[Path, Path] = {}  # a file named twice (or by itself and in its folder) is read once
    for p in found:
        first.setdefault(p.resolve(), p)
    return list(first.values())


def convert_files(
    sources: Iterable[str | Path],
    out_dir: str | Path,
    *,
    strict: bool = False,
    force: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
) -> list[FileResult]:
    """Convert each transcript to `out_dir/<id>.xml`, and each row of a CSV export to its own file, as
    it is read (an export of any length is converted in constant memory).

    A file that fails is reported and nothing is written. An existing encoding that an editor has
    changed since teikit wrote it is kept (status `kept-edits`) unless `force`. Document ids are unique:
    a document whose id is that of another source, in this run or an encoding already in `out_dir`
    (`teikit.claims`), is an error naming both, and nothing is written for it.

    :param progress: called as `progress("convert", done, total)` after each transcript file.
    """
    results = []
    proposals: dict[str, list[registers.Proposal]] = {"per": [], "pla": [], "org": []}
    claims = Claims(out_dir)
    try:
        for source in _reported(transcript_files(sources), "convert", progress):
            try:
                for item in _read_inputs(source, claims, strict=strict):
                    if isinstance(item, FileResult):
                        results.append(item)
                        continue
                    result = _write_document(item, claims, force=force)
                    results.append(result)
                    if result.status != "error":
                        for prefix, found in _proposals(item.document).items():
                            proposals[prefix].extend(found)
            except TeikitError as err:
                results.append(FileResult(source=str(source), status="error", error=str(err)))
    finally:
        claims.close()
    for prefix, found in proposals.items():
        if found:
            results.append(update_register(Path(out_dir), prefix, found))
    return results


class _Input(NamedTuple):
    """A document to write, with the source it was read from."""

    document: Document
    key: str
    """The source as `Claims` records it."""
    where: Location
    """Where messages place the document: its file, or the row of an export."""
    named: str
    """The source as messages name it: its path, or `path:line` for a row."""


def _read_inputs(source: Path, claims: Claims, *, strict: bool) -> Iterator[_Input | FileResult]:
    """The documents of one file, one at a time: one per row of a CSV export (a row that cannot be read
    comes as its error result), else the transcript itself. Raises TeikitError for the file."""
    if source.suffix.lower() != ".csv":
        doc = read_document(source, strict=strict)
        yield _Input(doc, claims.key(source), Location(str(source), 1, 1), str(source))
        return
    for row in csv_export.iter_rows(files.read_lines(source), str(source)):
        where = Location(str(source), row.line, 1)
        try:
            doc = parse_transcript(row.text, str(source), doc_id=slug(row.doc_id))
        except TeikitError as err:
            yield FileResult(source=f"{where.path}:{where.line}", status="error", error=str(err))
            continue
        yield _Input(doc, claims.key(source, row.doc_id), where, f"{source}:{row.line}")


def _write_document(item: _Input, claims: Claims, *, force: bool) -> FileResult:
    doc, source = item.document, item.where.path
    try:
        target = files.inside(claims.out_dir, f"{doc.id}.xml")
        data = tei.serialise(tei.build_tei(doc))
        with claims.held():
            owner = claims.owner(doc.id, item.key)
            if owner is not None:
                raise InputError(
                    f"document id {doc.id!r} is also that of {owner}: nothing written; rename one of the two",
                    item.where,
                    code="duplicate-id",
                )
            status = _write_encoding(target, data, force=force)
            claims.record(doc.id, item.key, item.named)
    except TeikitError as err:
        return FileResult(source=source, status="error", error=str(err))
    return FileResult(source=source, status=status, output=str(target), review=doc.review)


def _proposals(doc: Document) -> dict[str, list[registers.Proposal]]:
    """What a document says for each register (per, pla, org)."""
    credited = [(n, "translator") for n in doc.header.translators] + [
        (n, "obtained the document") for n in doc.header.obtainers
    ]
    return {
        "per": [
            *(
                registers.Proposal(
                    id=p.id, name=p.name, variants=p.variants, titles=p.titles, document=doc.id
                )
                for p in (*doc.persons, *doc.mentioned)
            ),
            *(
                registers.Proposal(id=slug(n), name=n, titles=(role,), document=doc.id)
                for n, role in credited
            ),
        ],
        "pla": [
            registers.Proposal(
                id=p.id,
                name=p.name,
                variants=tuple(f for f in p.forms if f != p.name),
                document=doc.id,
                geonames=p.geonames,
                iso=p.iso,
                latitude=p.latitude,
                longitude=p.longitude,
            )
            for p in doc.places
        ],
        "org": [
            registers.Proposal(
                id=o.id, name=o.name, variants=tuple(f for f in o.forms if f != o.name), document=doc.id
            )
            for o in doc.orgs
        ],
    }


def _reported(
    items: Sequence[T], stage: str, progress: Callable[[str, int, int], None] | None
) -> Iterator[T]:
    """`items`, calling `progress(stage, done, total)` once the caller is done with each."""
    for done, item in enumerate(items, 1):
        yield item
        if progress is not None:
            progress(stage, done, len(items))


def write_review(results: Sequence[FileResult], path: Path) -> None:
    """Write the review report of `results` to `path`: JSON when its name ends in `.json`, else Markdown."""
    from teikit import review

    files.write_atomic(path, review.render_report(results, fmt="json" if path.suffix == ".json" else "md"))


def update_register(out_dir: Path, prefix: str, proposals: Iterable[registers.Proposal]) -> FileResult:
    """Merge what the documents say into the register of `prefix` (per, pla, org); curated entries stay as
    they are, and what an editor should check (a curated entry's news, an ambiguous match) is reported."""
    path = out_dir / "registers" / tei.REGISTERS[prefix]
    if prefix == "pla":  # what kind of place, and what it is part of, follow from the name
        proposals = [
            p
            if p.kind
            else p.model_copy(update=dict(zip(("kind", "within"), gazetteer.describe(p.name), strict=False)))
            for p in proposals
        ]
    try:
        # Read, merge and write under the register's lock: two runs into one folder each keep what the
        # other added, instead of the later write dropping the earlier one's entries.
        with files.locked(path.with_name(f".{path.name}.lock")):
            old = path.read_bytes() if path.is_file() else None
            existing = registers.freeze(tei.parse_register(old, str(path))) if old is not None else []
            entries, messages = registers.merge(existing, proposals, romanised=prefix == "per")
            if old is None:
                data = tei.serialise(tei.build_register(entries, prefix))
            else:  # only teikit's own entries change: curated ones keep their bytes
                data = register_file.rewrite(old, entries, prefix, str(path))
            status: Status = "unchanged" if data == old else "written"
            if status == "written":
                files.write_atomic(path, data)
    except TeikitError as err:
        return FileResult(source=f"({prefix}: register)", kind="register", status="error", error=str(err))
    notes = tuple(ReviewNote(line=1, column=1, kind="register", message=m) for m in messages)
    return FileResult(
        source=f"({prefix}: register)", kind="register", status=status, output=str(path), review=notes
    )


def _write_encoding(target: Path, data: bytes, *, force: bool) -> Status:
    if target.is_file():
        old = target.read_bytes()
        if old == data:
            return "unchanged"
        if not force and tei.is_untouched(old) is not True:
            return "kept-edits"
    files.write_atomic(target, data)
    return "written"


def tei_files(paths: Iterable[str | Path]) -> list[Path]:
    """The TEI files named, each once, in the order given: folders give their *.xml files (recursively,
    sorted), glob patterns are expanded and a folder they match is walked like a folder argument.

    Nothing is opened: a name that is not a regular file (missing, a FIFO, a device) is kept, for
    validation to report it in one line.
    """
    found: dict[Path, None] = {}
    for item in map(str, paths):
        for match in _glob(item) if any(ch in item for ch in "*?[") else [Path(item)]:
            if match.is_dir():
                found.update(dict.fromkeys(_xml_in(match)))
            else:
                found[match] = None
    return list(found)


def _glob(pattern: str) -> list[Path]:
    # As a shell expands it: a wildcard matches no hidden name (`.teikit-sources.jsonl`, a lock file, an
    # editor's swap file), and `**` spans folders.
    return sorted(Path(p) for p in glob.glob(pattern, recursive=True))


def _xml_in(folder: Path) -> list[Path]:
    """The *.xml files under `folder`, sorted; a folder named *.xml is walked, not listed."""
    return sorted(p for p in folder.rglob("*.xml") if not p.name.endswith(".actual.xml") and not p.is_dir())


def validate_files(
    paths: str | PathLike[str] | Iterable[str | PathLike[str]],
    *,
    schema: str | PathLike[str] | None = None,
    schematron: bool = True,
    jobs: int = 0,
    cache: str | PathLike[str] | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> dict[str, list[Issue]]:
    """Every issue of every file, in the order given; in parallel over `jobs` processes (0: one per core)
    when there are enough files to be worth it. A file that cannot be read (missing, not a regular file,
    no permission) is one issue, of rule `not-a-file` or `too-large`, and the other files are still checked.

    :param cache: a folder of stored results (`teikit.cache`): a file whose bytes, schema, options and
        teikit version are those of a run that stored its issues gets them back without being parsed.
        None: nothing is read from or written to any cache.
    :param paths: the TEI files (one path, or a list of them; folders are not expanded here).
    :param progress: called as `progress("validate", done, total)` as files are finished.
    Raises ArgumentError for an argument of the wrong type, SchemaError when the schema cannot be loaded.
    """
    from teikit.cache import ValidationCache

    function = "validate_files"
    files_ = path_list(paths, function=function)
    check_type(
        schema, (str, PathLike, type(None)), function=function, parameter="schema", what="a path or None"
    )
    check_type(
        cache, (str, PathLike, type(None)), function=function, parameter="cache", what="a folder or None"
    )
    check_type(schematron, bool, function=function, parameter="schematron", what="True or False")
    check_type(
        jobs, int, function=function, parameter="jobs", what="a whole number of processes (0: one per core)"
    )
    if jobs < 0:
        raise ArgumentError(
            f"{function}(jobs=…): got {jobs}: a number of processes is 0 (one per core) or more"
        )
    grammar = Path(schema) if schema is not None else None
    store = (
        ValidationCache.open(Path(cache), schema=grammar, schematron=schematron)
        if cache is not None
        else None
    )
    return _validate_files(files_, grammar, schematron, jobs, store, progress)


def _validate_files(
    paths: Sequence[Path],
    schema: Path | None,
    schematron: bool,
    jobs: int,
    store: ValidationCache | None,
    progress: Callable[[str, int, int], None] | None,
) -> dict[str, list[Issue]]:
    workers = jobs or os.cpu_count() or 1
    found: dict[str, list[Issue]] = {}
    if workers == 1 or len(paths) < 2 * _CHUNK:
        for path in _reported(paths, "validate", progress):
            found.update(_validate_chunk([path], schema, schematron, store))
        return found
    chunks = [list(paths[i : i + _CHUNK]) for i in range(0, len(paths), _CHUNK)]
    with _pool(workers) as pool:
        n = len(chunks)
        for done, chunk in enumerate(
            pool.map(_validate_chunk, chunks, [schema] * n, [schematron] * n, [store] * n)
        ):
            found.update(chunk)
            if progress is not None:
                progress("validate", min((done + 1) * _CHUNK, len(paths)), len(paths))
    return found


_CHUNK = 50
"""Files per task: enough that process start-up and schema loading are paid rarely."""


def _pool(workers: int, initializer: Callable[[], None] | None = None) -> ProcessPoolExecutor:
    """A process pool whose workers start afresh (spawn), on every platform and whatever this process
    has loaded: a forked worker would inherit the threads of a Saxon processor or of the caller without
    their state, and could hang. Each worker builds what it needs (its schemas, its Renderer) once, on
    its first task, and keeps it for the next ones."""
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(initializer,),
    )


def _start_worker(then: Callable[[], None] | None) -> None:
    """A pool worker's start: watch the parent (`_exit_with_parent`), then build what the work needs."""
    _exit_with_parent()
    if then is not None:
        then()


def _exit_with_parent() -> None:
    """In a pool worker: end this process as soon as the process that started it is gone.

    A worker waits for tasks on a queue whose writing end every worker holds too, so a parent killed
    outright (`kill -9`, the OOM killer) leaves its workers, and Saxon's memory in each, waiting for
    ever. The parent's sentinel (a pipe on POSIX, a process handle on Windows) becomes ready when it
    dies, whatever the cause; a daemon thread waits on it.
    """
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(_ORPHANED)

    threading.Thread(target=watch, name="teikit-exit-with-parent", daemon=True).start()


_ORPHANED = 70
"""A worker's exit status when its parent died before it (EX_SOFTWARE: nobody is left to read it)."""


def _validate_chunk(
    paths: list[Path], schema: Path | None, schematron: bool, cache: ValidationCache | None = None
) -> list[tuple[str, list[Issue]]]:
    from teikit import validation

    def check(source: validation.Source, name: str) -> list[Issue]:
        return list(validation.iter_issues(source, path=name, schema=schema, schematron=schematron))

    def issues(path: Path) -> list[Issue]:
        try:
            return check(path, str(path)) if cache is None else cache.issues(path, check)
        except InputError as err:  # one file that cannot be read is one issue; the others go on
            return [_unreadable(err, str(path))]

    return [(str(p), issues(p)) for p in paths]


def _unreadable(err: InputError, path: str) -> Issue:
    where = err.location
    line, column = (where.line, where.column or 1) if where is not None else (1, 1)
    return Issue(path=path, line=line, column=column, message=err.message, rule=err.code)


def build(
    options: BuildOptions | None = None, *, progress: Callable[[str, int, int], None] | None = None
) -> BuildReport:
    """transcripts/ -> encoded/ -> validate -> site/ (HTML) and text/ (plain text).

    :param options: where to read and write; None: as `teikit build` run in the working folder, with the
        defaults `[tool.teikit]` sets in the nearest pyproject.toml (ConfigError when it is wrong).

    :param progress: called as `progress(stage, done, total)` as files are finished, stage by stage
        (`convert`, `validate`, `render`).
    """
    check_type(
        options,
        (BuildOptions, type(None)),
        function="build",
        parameter="options",
        what="BuildOptions or None",
    )
    opts = options if options is not None else config.load(Path.cwd()).build_options()
    converted = convert_files([opts.transcripts], opts.encoded, progress=progress)
    encodings = [Path(r.output) for r in converted if r.output and r.kind == "encoding"]
    if opts.review is not None:
        write_review([r for r in converted if r.kind == "encoding"], opts.review)
    # The registers too: their ids name pages, so one the schema refuses must not reach the stylesheets.
    registers = _registers(opts.encoded)
    found = validate_files([*encodings, *registers], jobs=opts.jobs, progress=progress)
    issues = [issue for problems in found.values() for issue in problems]
    sound = [r for r in registers if not any(i.severity == "error" for i in found[str(r)])]
    pages: list[str] = []
    texts: list[str] = []
    errors: list[str] = []
    linked = {"register-links": "true", "text-links": "true", "corpus-href": CORPUS_ZIP}
    if opts.site_title is not None:
        linked["site-title"] = opts.site_title
    if opts.base_url is not None:
        if problem := config.base_url_error(opts.base_url):
            raise ArgumentError(f"build(options=…): base_url {problem}")
        linked["base-url"] = opts.base_url
    corpus: dict[str, Path] = {}
    try:
        # Each page links to the documents before and after it in the index's order.
        order = edition.reading_order(encodings)
        around = edition.neighbours(order)
        with Renderer() as renderer:
            done = 0
            for chunk in _rendered([p for p, _ in order], linked, opts.jobs, renderer, around):
                for path, page, text, diplomatic, digest in chunk:
                    # The pages link to their TEI source and plain texts: the site carries copies.
                    _write(opts.site, path.name, path.read_bytes())
                    pages.append(_write(opts.site, f"{path.stem}.html", page))
                    for name, content in (
                        (f"{path.stem}.txt", text),
                        (f"{path.stem}.diplomatic.txt", diplomatic),
                    ):
                        texts.append(_write(opts.text, name, content))
                        _write(opts.site, f"text/{name}", content)
                        corpus[f"text/{name}"] = Path(texts[-1])
                    corpus[f"tei/{path.name}"] = path
                    renderer.store_digest(path, digest)
                    done += 1
                    if progress is not None:
                        progress("render", done, len(encodings))
            for sort in INDEX_SORTS:  # pre-sorted views: sorting works without JavaScript
                name = "index.html" if sort == "date" else f"index-by-{sort}.html"
                pages.append(
                    _write(opts.site, name, renderer.index(encodings, {**linked, "index-sort": sort}))
                )
            for register in sound:
                # The TEI copies point into registers/ (listPrefixDef), so the site carries them too.
                _write(opts.site, f"registers/{register.name}", register.read_bytes())
                corpus[f"tei/registers/{register.name}"] = register
                for page, html in renderer.registers(register, encodings, linked).items():
                    pages.append(_write(opts.site, page, html))
        edition.write_zip(files.inside(opts.site, CORPUS_ZIP), corpus)
    except TeikitError as err:
        errors.append(str(err))
    return BuildReport(
        converted=tuple(converted),
        issues=tuple(issues),
        pages=tuple(pages),
        texts=tuple(texts),
        errors=tuple(errors),
    )


CORPUS_ZIP = "corpus.zip"
"""The corpus download `build` writes into the site: every encoding and register under tei/, every
reading and diplomatic text under text/."""

_RENDER_CHUNK = 20
"""Documents per rendering task: enough that a worker's start and its stylesheet compiles are paid rarely."""

Rendered = tuple[Path, str, str, str, str]
"""One document's page, reading text, diplomatic text and digest."""


def _rendered(
    encodings: Sequence[Path],
    params: dict[str, str],
    jobs: int,
    renderer: Renderer,
    own: Mapping[Path, dict[str, str]] | None = None,
) -> Iterator[list[Rendered]]:
    """Each document rendered, chunk by chunk in the order given: by `renderer`, or over `jobs` processes
    (0: one per core), each with a Renderer of its own, when there are enough documents to be worth it.
    `own` adds parameters of a document's own to `params` (its neighbours). A RenderError stops the run."""
    jobs_of = [(path, {**params, **(own or {}).get(path, {})}) for path in encodings]
    chunks = [jobs_of[i : i + _RENDER_CHUNK] for i in range(0, len(jobs_of), _RENDER_CHUNK)]
    workers = jobs or os.cpu_count() or 1
    if workers == 1 or len(chunks) < 2:
        yield from (_render_chunk(chunk, renderer) for chunk in chunks)
        return
    with _pool(workers, initializer=_start_renderer) as pool:
        for outcome in pool.map(_render_chunk_in_worker, chunks):
            if isinstance(outcome, str):
                raise RenderError(outcome)
            yield outcome


def _render_chunk(jobs: list[tuple[Path, dict[str, str]]], renderer: Renderer) -> list[Rendered]:
    return [
        (
            path,
            renderer.html(path, params),
            renderer.text(path),
            renderer.diplomatic(path),
            renderer.digest(path).read_text(encoding="utf-8"),
        )
        for path, params in jobs
    ]


_worker: list[Renderer] = []
"""In a rendering worker process only: the Renderer `_start_renderer` made for it (empty elsewhere)."""


def _start_renderer() -> None:
    """A rendering worker's start: its own Renderer, kept for every chunk it is given (its folder is
    removed when the worker exits)."""
    _worker.append(Renderer())


def _render_chunk_in_worker(jobs: list[tuple[Path, dict[str, str]]]) -> list[Rendered] | str:
    """As `_render_chunk`, in a worker: a RenderError comes back as its message (it prints as path:line:col)."""
    try:
        return _render_chunk(jobs, _worker[0])
    except TeikitError as err:
        return str(err)


def _registers(encoded: Path) -> list[Path]:
    """The registers beside the encodings, in the order of tei.REGISTERS (conversion writes all three,
    an empty one too, so every page's links to the register indexes hold)."""
    return [path for name in tei.REGISTERS.values() if (path := encoded / "registers" / name).is_file()]


def _write(folder: Path, name: str, content: str | bytes) -> str:
    """Write `folder/name`, refused (OutputError) unless it stays inside `folder`: names come from data."""
    target = files.inside(folder, name)
    files.write_atomic(target, content)
    return str(target)
