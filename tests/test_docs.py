"""The documentation (mkdocs.yml, docs/): it builds with warnings as errors, its generated pages cover
every public name, command, option and configuration key, and its tutorial runs as written."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from conftest import REPO
from runnable import MARKER, Block, project_copy, run_block, runnable_blocks

import teikit
from teikit.cli import cli, leaf_commands
from teikit.config import COMMANDS

DOCS = REPO / "docs"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def _sections(page: Path) -> dict[str, str]:
    """The page's text under each of its h2/h3 headings, by the heading's text; tags removed."""
    parts = re.split(r"<h[23][^>]*>(.*?)</h[23]>", page.read_text(encoding="utf-8"), flags=re.DOTALL)
    text = [html.unescape(re.sub(r"<[^>]+>", "", part)) for part in parts]
    return {text[i].replace("¶", "").strip(): text[i + 1] for i in range(1, len(text) - 1, 2)}


def test_the_api_reference_documents_every_public_name(site: Path) -> None:
    page = (site / "api" / "index.html").read_text(encoding="utf-8")
    public = [name for name in teikit.__all__ if not name.startswith("__")]
    assert public
    missing = [name for name in public if f'id="teikit.{name}"' not in page]
    assert not missing, f"docs/api.md documents no {missing}"


@pytest.mark.parametrize(("name", "command"), leaf_commands(cli).items(), ids=list(leaf_commands(cli)))
def test_the_cli_page_has_every_command_and_option(site: Path, name: str, command: click.Command) -> None:
    section = _sections(site / "cli" / "index.html")[f"teikit {name}"]
    assert f"Usage: teikit {name}" in section
    for param in command.params:
        if isinstance(param, click.Option):
            for option in (*param.opts, *param.secondary_opts):
                assert re.search(rf"(^|[\s,/]){re.escape(option)}\b", section, re.MULTILINE), option


@pytest.mark.parametrize("command", [name for name, keys in COMMANDS.items() if keys])
def test_the_configuration_page_lists_every_key(site: Path, command: str) -> None:
    section = _sections(site / "configuration" / "index.html")[f"[tool.teikit.{command.replace(' ', '.')}]"]
    rows = {line.strip() for line in section.splitlines()}
    assert set(COMMANDS[command]) <= rows, set(COMMANDS[command]) - rows


def test_every_python_block_of_the_docs_is_runnable() -> None:
    for page in sorted(DOCS.glob("*.md")):
        lines = page.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            if line.startswith("```python"):
                assert number > 0 and lines[number - 1].strip() == MARKER, f"{page}:{number + 1}"


TUTORIAL = runnable_blocks(DOCS / "tutorial.md")
RUNNABLE = [block for page in sorted(DOCS.glob("*.md")) for block in runnable_blocks(page)]


def test_the_tutorial_script_is_short_and_needs_no_lxml_and_no_file() -> None:
    script = TUTORIAL[0]
    assert script.language == "python"
    assert len(script.code.splitlines()) <= 20
    assert not re.search(r"^\s*(import|from)\s+lxml", script.code, re.MULTILINE)
    assert not re.search(r"tempfile|NamedTemporary|open\(|write_(text|bytes)", script.code)


@pytest.mark.parametrize("block", TUTORIAL, ids=[block.id for block in TUTORIAL])
def test_the_tutorial_runs_as_written_and_writes_nothing(block: Block, tmp_path: Path) -> None:
    project = project_copy(REPO, tmp_path)
    before = sorted(project.rglob("*"))
    result = run_block(block, project)
    assert result.returncode == 0, f"{block.id}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert sorted(project.rglob("*")) == before
    if block is TUTORIAL[0]:
        title = teikit.convert(REPO / "transcripts" / "wcda-116739.txt").getroot().findtext(".//{*}title")
        assert result.stdout.startswith(f"{title}\nvalid: True - 0 issues\n<string>:1:1: error: ")


def test_no_page_loads_anything_from_another_host(site: Path) -> None:
    remote = re.compile(r"<(?:script|link|img)\b[^>]*\b(?:src|href)=\"(?:https?:)?//", re.IGNORECASE)
    loading = [
        page.relative_to(site) for page in site.rglob("*.html") if remote.search(page.read_text("utf-8"))
    ]
    assert not loading


@pytest.mark.parametrize("block", [b for b in RUNNABLE if b not in TUTORIAL], ids=lambda block: block.id)
def test_the_other_runnable_blocks_of_the_docs_run(block: Block, tmp_path: Path) -> None:
    result = run_block(block, project_copy(REPO, tmp_path))
    assert result.returncode == 0, f"{block.id}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
