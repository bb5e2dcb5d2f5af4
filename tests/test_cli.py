"""The command line: exit codes, one-line messages, no partial outputs, documented commands."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import REPO, TRANSCRIPTS

from teikit import config
from teikit.cli import PROGRESS_MIN_FILES, _ProgressBars, cli, default_map, shows_progress


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "bad.txt:1:1: empty transcript"),
        (b"Citation:\n\xe9t\xe9\n", "bad.txt:2:1: not valid UTF-8"),
        (b"\x7fELF\x02\x01\x01\x00\x00", "bad.txt:1:8: binary data"),
        (b"\n\nJust a paragraph.\n\nAnd another.\n", "bad.txt:3:1: no known transcript layout"),
    ],
    ids=["empty", "not-utf8", "binary", "unknown-layout"],
)
def test_convert_bad_input_one_line_exit_1_no_output(tmp_path: Path, data: bytes, message: str) -> None:
    source = tmp_path / "bad.txt"
    source.write_bytes(data)
    out = tmp_path / "out"
    code, stdout, stderr = run("convert", "--strict", str(source), "-o", str(out))
    assert code == 1
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{tmp_path}/{message}"), stderr
    assert "Traceback" not in stderr + stdout
    assert not out.exists() or not any(out.iterdir())


def test_unknown_layout_falls_back_to_paragraphs(tmp_path: Path) -> None:
    source = tmp_path / "note.txt"
    source.write_text("A short note.\n\nIt has two paragraphs.\n")
    code, stdout, stderr = run("convert", str(source), "-o", str(tmp_path))
    assert code == 0, stderr
    assert (tmp_path / "note.xml").is_file()


def test_convert_writes_encodings_equal_to_committed(tmp_path: Path) -> None:
    code, stdout, _ = run("convert", str(REPO / "transcripts"), "-o", str(tmp_path))
    assert code == 0
    assert sorted(p.name for p in tmp_path.glob("*.xml")) == [f"{t.stem}.xml" for t in TRANSCRIPTS]
    assert (tmp_path / "registers" / "persons.xml").is_file()
    code, stdout, _ = run("convert", str(REPO / "transcripts"), "-o", str(tmp_path))
    assert (
        stdout.count("(unchanged") == len(TRANSCRIPTS) + 3
    )  # and the persons, places and organisations registers


def test_convert_explain_names_layout_and_evidence() -> None:
    code, stdout, _ = run("convert", "--explain", str(REPO / "transcripts"))
    assert code == 0
    assert "wcda-116540.txt: pdf-markdown: line 7: Markdown heading" in stdout
    assert "wcda-116739.txt: pdf-plain: line 5: wrapper labels" in stdout


def test_usage_error_exits_2() -> None:
    assert run("convert")[0] == 2
    assert run("no-such-command")[0] == 2


def test_internal_error_exits_3_without_traceback(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import teikit.pipeline

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("unexpected")

    monkeypatch.setattr(teikit.pipeline, "convert_files", boom)
    code, stdout, stderr = run("convert", str(REPO / "transcripts"), "-o", str(tmp_path))
    assert code == 3
    assert "internal error: RuntimeError: unexpected" in stderr and "Traceback" not in stderr


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in group.commands.items():
        found.append((f"{prefix}{name}", command))
        if isinstance(command, click.Group):
            found.extend(_commands(command, f"{prefix}{name} "))
    return found


@pytest.mark.parametrize(("name", "command"), _commands(cli), ids=lambda x: x if isinstance(x, str) else "")
def test_every_command_has_help_and_is_in_readme(name: str, command: click.Command) -> None:
    assert command.help, f"teikit {name} has no help text"
    assert f"teikit {name}" in (REPO / "README.md").read_text(encoding="utf-8")


def test_python_dash_m_and_console_script() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "teikit", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.startswith("teikit, version ")
    script = shutil.which("teikit", path=str(Path(sys.executable).parent))
    assert script is not None
    assert subprocess.run([script, "--help"], capture_output=True, check=True).returncode == 0


def test_huge_file_and_directory_get_one_line_each(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    out = tmp_path / "out"
    code, _, stderr = run("convert", str(huge), "-o", str(out))
    assert (
        code == 1
        and stderr.strip() == f"{huge}:1:1: file is 52,428,800 bytes, above the limit of 16,777,216 bytes"
    )
    assert not out.exists()


def test_turn_label_without_speech_and_unbalanced_bracket_are_review_notes(tmp_path: Path) -> None:
    source = tmp_path / "odd.txt"
    source.write_text(
        'Citation:\n\n"A talk", May 1, 1960, Wilson Center Digital Archive, X. Translated by A B.\n\n'
        "Contents:\n\nTranslation - English\n\nForeign guests: Minister Pak Sun\n\n"
        "Minister Pak (hereafter abbreviated Pak):\n\nPak: We [agree with the plan.\n",
        encoding="utf-8",
    )
    review = tmp_path / "review.json"
    code, stdout, stderr = run("convert", str(source), "-o", str(tmp_path / "out"), "--review", str(review))
    assert code == 0, stderr

    kinds = {(r["kind"], r["line"]) for r in json.loads(review.read_text())}
    assert ("empty-turn", 11) in kinds and ("unbalanced-bracket", 13) in kinds


def test_validate_exit_codes_and_one_line_per_problem() -> None:
    code, stdout, _ = run("validate", str(REPO / "encoded"))
    assert (code, stdout) == (0, "")
    invalid = REPO / "tests" / "cases" / "invalid"
    code, stdout, _ = run("validate", str(invalid / "dangling-who.xml"), str(invalid / "malformed.xml"))
    assert code == 1
    lines = stdout.strip().splitlines()
    assert lines[0].startswith(f"{invalid / 'dangling-who.xml'}:39:1: error: ")
    assert lines[1].startswith(f"{invalid / 'malformed.xml'}:42:14: error: ")
    assert run("validate")[0] == 2


def test_validate_internal_error_exits_3(monkeypatch: pytest.MonkeyPatch) -> None:
    import teikit.validation

    def boom(*args: object, **kwargs: object) -> None:
        raise MemoryError("simulated")

    monkeypatch.setattr(teikit.validation, "iter_issues", boom)
    assert run("validate", str(REPO / "encoded"))[0] == 3


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "github", "sarif"])
def test_validate_report_formats(fmt: str) -> None:
    import json

    from lxml import etree

    bad = REPO / "tests" / "cases" / "invalid" / "dangling-who.xml"
    good = REPO / "encoded" / "wcda-116739.xml"
    code, stdout, _ = run("validate", "--format", fmt, str(bad), str(good))
    assert code == 1
    if fmt == "text":
        assert (
            stdout
            == f'{bad}:39:1: error: @who "#zhou" points at no xml:id in this document [pointer-resolves]\n'
        )
    elif fmt == "json":
        data = json.loads(stdout)
        assert data["files"] == 2 and [(i["line"], i["rule"]) for i in data["issues"]] == [
            (39, "pointer-resolves")
        ]
    elif fmt == "junit":
        suites = etree.fromstring(stdout.encode())
        assert suites.get("tests") == "2" and suites.get("failures") == "1"
        assert [c.get("name") for c in suites.iter("testcase")] == [str(bad), str(good)]
    elif fmt == "github":
        assert stdout.startswith(f"::error file={bad},line=39,col=1,title=teikit pointer-resolves::@who")
    else:
        result = json.loads(stdout)["runs"][0]["results"][0]
        assert result["ruleId"] == "pointer-resolves" and result["level"] == "error"
        assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 39, "startColumn": 1}


def test_parallel_validation_equals_serial(tmp_path: Path) -> None:
    from teikit import pipeline

    sources = [
        REPO / "encoded" / "wcda-116739.xml",
        REPO / "tests" / "cases" / "invalid" / "dangling-who.xml",
    ]
    copies = []
    for i in range(120):
        target = tmp_path / f"doc{i:03}.xml"
        target.write_bytes(sources[i % 2].read_bytes())
        copies.append(target)
    serial = pipeline.validate_files(copies, jobs=1)
    parallel = pipeline.validate_files(copies, jobs=2)
    assert parallel == serial
    assert sum(bool(issues) for issues in parallel.values()) == 60


def test_pre_commit_hook_runs_teikit_validate() -> None:
    hooks = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "id: teikit-validate" in hooks and "entry: teikit validate" in hooks


def test_validate_cache_gives_the_same_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    invalid = REPO / "tests" / "cases" / "invalid"
    paths = [
        str(invalid / "dangling-who.xml"),
        str(invalid / "malformed.xml"),
        str(REPO / "encoded" / "wcda-116739.xml"),
    ]
    fresh = run("validate", *paths)
    assert fresh[0] == 1
    assert run("validate", *paths, "--cache") == fresh  # stores
    assert len(list((tmp_path / ".teikit-cache" / "validate").rglob("*.json"))) == 3
    assert run("validate", *paths, "--cache") == fresh  # reads back
    assert run("validate", "--cache=elsewhere", *paths) == fresh
    assert len(list((tmp_path / "elsewhere").rglob("*.json"))) == 3


def test_validate_refuses_a_cache_folder_that_holds_xml(tmp_path: Path) -> None:
    (tmp_path / "a.xml").write_bytes((REPO / "encoded" / "wcda-116739.xml").read_bytes())
    code, stdout, stderr = run("validate", "--cache", str(tmp_path), str(tmp_path / "a.xml"))
    assert code == 2 and "put --cache after the paths" in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xml"]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shown_only_on_a_terminal_and_for_enough_files() -> None:
    assert shows_progress(PROGRESS_MIN_FILES, _Terminal())
    assert not shows_progress(PROGRESS_MIN_FILES - 1, _Terminal())
    assert not shows_progress(10_000, io.StringIO())
    assert not shows_progress(10_000, object())  # type: ignore[arg-type]


def test_progress_bars_one_per_stage() -> None:
    terminal = _Terminal()
    with _ProgressBars(terminal) as progress:
        for done in range(1, 31):
            progress("convert", done, 30)
        progress("validate", 5, 5)  # too few to show
        for done in range(1, 26):
            progress("render", done, 25)
    drawn = terminal.getvalue()
    assert "convert" in drawn and "30/30" in drawn and "render" in drawn and "25/25" in drawn
    assert "validate" not in drawn


def test_piped_runs_show_no_progress(tmp_path: Path) -> None:
    sources = tmp_path / "transcripts"
    sources.mkdir()
    for i in range(PROGRESS_MIN_FILES + 5):
        (sources / f"note{i:02}.txt").write_text(f"Note {i}.\n\nIt has two paragraphs.\n", encoding="utf-8")
    code, stdout, stderr = run("convert", str(sources), "-o", str(tmp_path / "encoded"))
    assert code == 0 and stderr == ""
    assert stdout.count(" -> ") == PROGRESS_MIN_FILES + 5
    code, stdout, stderr = run("validate", str(tmp_path / "encoded"))
    assert (code, stdout, stderr) == (0, "", "")


def _in_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config: str) -> Path:
    """A project folder with `config` as its pyproject.toml; the current folder is one below it."""
    (tmp_path / "pyproject.toml").write_text(config, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    return tmp_path


def test_pyproject_sets_defaults_and_the_command_line_overrides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _in_project(tmp_path, monkeypatch, '[tool.teikit.validate]\nformat = "github"\n')
    bad = REPO / "tests" / "cases" / "invalid" / "dangling-who.xml"
    code, stdout, _ = run("validate", str(bad))
    assert code == 1 and stdout.startswith(f"::error file={bad},line=39,")
    code, stdout, _ = run("validate", "--format", "text", str(bad))
    assert code == 1 and stdout.startswith(f"{bad}:39:1: error: ")


def test_pyproject_keys_become_click_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _in_project(
        tmp_path,
        monkeypatch,
        "\n".join(
            [
                "[tool.teikit]",
                'site-title = "Archive X"',
                "strict = true",
                "[tool.teikit.build]",
                'site = "public"',
                'site-title = "The Build"',
                "[tool.teikit.validate]",
                "cache = true",
                "jobs = 2",
                "",
            ]
        ),
    )
    assert root == tmp_path
    defaults = default_map(cli, config.read(Path("..", "pyproject.toml")))
    assert defaults["build"] == {"site": Path("../public"), "site_title": "The Build"}
    assert defaults["render"] == {"site_title": "Archive X"}
    assert defaults["convert"] == {"strict": True}
    assert defaults["validate"] == {"cache": Path("../.teikit-cache/validate"), "jobs": 2}
    assert defaults["schema"] == {"build": {}, "check": {}}


def test_pyproject_site_title_reaches_the_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _in_project(tmp_path, monkeypatch, '[tool.teikit]\nsite-title = "Archive X"\n')
    code, _, stderr = run("render", "html", str(REPO / "encoded" / "wcda-116739.xml"), "-o", "out")
    assert code == 0, stderr
    assert "Archive X" in (tmp_path / "sub" / "out" / "wcda-116739.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('[tool.teikit.validate]\nfromat = "github"\n', "[tool.teikit.validate] fromat: unknown key"),
        ('[tool.teikit]\nsite-titel = "X"\n', "[tool.teikit] site-titel: unknown key"),
        ('[tool.teikit.validate]\nformat = "xml"\n', "[tool.teikit.validate] format: 'xml' is not one of"),
        ('[tool.teikit.validate]\njobs = "many"\n', "[tool.teikit.validate] jobs: must be a whole number"),
        ("[tool.teikit.validate]\njobs = -1\n", "[tool.teikit.validate] jobs: -1 is not in the range"),
        ("[tool.teikit]\nstrict = 1\n", "[tool.teikit] strict: must be true or false"),
        ("[tool.teikit.build]\nsite = 3\n", "[tool.teikit.build] site: must be a string"),
        ("[tool.teikit]\nbuild = 3\n", "[tool.teikit] build: must be a table"),
        ("[tool.teikit.schema.check]\nforce = true\n", "[tool.teikit.schema.check] force: unknown key"),
        ("[tool]\nteikit = 3\n", "tool.teikit must be a table"),
        ("[tool.teikit\n", "cannot read it: Expected ']'"),
    ],
    ids=[
        "unknown-key",
        "unknown-shared-key",
        "not-a-choice",
        "not-a-number",
        "out-of-range",
        "not-a-bool",
        "not-a-string",
        "not-a-table",
        "nested-unknown",
        "tool-not-a-table",
        "bad-toml",
    ],
)
def test_pyproject_mistakes_are_usage_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config: str, message: str
) -> None:
    _in_project(tmp_path, monkeypatch, config)
    code, stdout, stderr = run("validate", str(REPO / "encoded" / "wcda-116739.xml"))
    assert code == 2 and stderr.startswith(f"Error: {Path('..', 'pyproject.toml')}: {message}"), stderr
    assert "Traceback" not in stdout + stderr
    assert run("--version")[0] == 0  # the file is read only when a command runs


def test_build_takes_jobs_from_the_command_line_and_pyproject(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _in_project(tmp_path, monkeypatch, "[tool.teikit]\njobs = 1\n")
    defaults = default_map(cli, config.read(Path("..", "pyproject.toml")))
    assert defaults["build"] == {"jobs": 1} and defaults["validate"] == {"jobs": 1}
    code, _, stderr = run("build", "--jobs", "-1")
    assert code == 2 and "-1" in stderr


def test_no_cache_overrides_a_cache_set_in_pyproject(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _in_project(tmp_path, monkeypatch, "[tool.teikit.validate]\ncache = true\n")
    valid = str(REPO / "encoded" / "wcda-116739.xml")
    assert run("validate", valid)[0] == 0
    cache = root / ".teikit-cache" / "validate"
    assert len(list(cache.rglob("*.json"))) == 1
    shutil.rmtree(cache)
    assert run("validate", valid, "--no-cache")[0] == 0
    assert not cache.exists()


def test_build_writes_the_review_report_it_counts(tmp_path: Path) -> None:
    transcripts = tmp_path / "transcripts"
    transcripts.mkdir()
    (transcripts / "note.txt").write_text("A short note.\n\nIt has two paragraphs.\n")
    folders = {"--transcripts": "transcripts", "--encoded": "encoded", "--site": "site", "--text": "text"}
    options = [part for option, name in folders.items() for part in (option, str(tmp_path / name))]
    review = tmp_path / "review.json"
    code, stdout, stderr = run("build", *options, "-j", "1", "--review", str(review))
    assert code == 0, stderr
    counted = next(line for line in stdout.splitlines() if "note.txt" in line)
    notes = json.loads(review.read_text(encoding="utf-8"))
    assert notes and f"{len(notes)} to review" in counted
    assert {note["path"] for note in notes} == {str(transcripts / "note.txt")}
