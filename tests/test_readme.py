"""The README as a newcomer meets it: every block marked runnable runs as written, in a copy of the
repository (tests/runnable.py), and the pre-commit example is one that works."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO
from runnable import MARKER, Block, project_copy, run_block, runnable_blocks

import teikit

README = REPO / "README.md"
BLOCKS = runnable_blocks(README)


def test_the_readme_has_runnable_blocks_of_each_kind() -> None:
    assert {block.language for block in BLOCKS} >= {"sh", "toml"}


def test_every_python_block_of_the_readme_is_runnable() -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    unmarked = [
        number + 1
        for number, line in enumerate(lines)
        if line.startswith("```python") and (number == 0 or lines[number - 1].strip() != MARKER)
    ]
    assert not unmarked, f"README.md lines {unmarked}: a Python block not marked {MARKER}"


@pytest.mark.parametrize("block", BLOCKS, ids=[block.id for block in BLOCKS])
def test_readme_block_runs(block: Block, tmp_path: Path) -> None:
    result = run_block(block, project_copy(REPO, tmp_path))
    assert result.returncode == 0, (
        f"{block.id}\n{block.code}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    )


def _hook_files_pattern() -> str:
    hooks = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    found = re.search(r"^\s+files:\s*(\S+)\s*$", hooks, re.MULTILINE)
    assert found is not None, ".pre-commit-hooks.yaml: the hook names no files"
    return found.group(1)


@pytest.mark.parametrize(
    ("path", "runs"),
    [
        ("encoded/wcda-116540.xml", True),
        ("encoded/registers/persons.xml", True),
        ("pom.xml", False),
        ("module/pom.xml", False),
        ("transforms/html/html.xsl", False),
        ("docs/figure.svg", False),
    ],
)
def test_the_pre_commit_hook_runs_on_encodings_only(path: str, runs: bool) -> None:
    # pre-commit matches `files` with re.search on the path from the repository's root.
    assert bool(re.search(_hook_files_pattern(), path)) is runs


def test_the_readme_pre_commit_example_names_this_release_and_a_folder() -> None:
    text = README.read_text(encoding="utf-8")
    example = text[text.index("- id: teikit-validate") - 200 : text.index("- id: teikit-validate") + 100]
    assert f"rev: v{teikit.__version__}" in example
    assert re.search(r"files: \^encoded/", example)
