"""Code blocks of the Markdown pages that are marked runnable, and a throwaway copy of the project
to run them in.

A block is runnable when the line before its opening fence is `<!-- runnable -->` (an HTML comment:
GitHub and mkdocs show nothing). Python blocks run with this interpreter, shell blocks with bash,
both with this environment's `teikit` first on PATH and in a copy of the repository, so what they
write goes nowhere. A TOML block is a `pyproject.toml`: it runs as `teikit validate encoded/` with
it in place, which reads every key of `[tool.teikit]` and stops with a usage error on any it refuses.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

MARKER = "<!-- runnable -->"
FENCE = re.compile(r"^(```+)\s*(\w*)")
COPIED = ["pyproject.toml", "README.md", "transcripts", "encoded"]
"""What a block may use: the bundled transcripts, their encodings and the project's configuration."""


@dataclass(frozen=True)
class Block:
    """One fenced block: where it starts (the fence's line, 1-based), its language and its code."""

    page: Path
    line: int
    language: str
    code: str

    @property
    def id(self) -> str:
        return f"{self.page.name}:{self.line}"


def runnable_blocks(page: Path) -> list[Block]:
    """Every block of `page` marked runnable; a marker with no block right after it is an error."""
    lines = page.read_text(encoding="utf-8").splitlines()
    blocks = []
    for number, line in enumerate(lines):
        if line.strip() != MARKER:
            continue
        opening = FENCE.match(lines[number + 1]) if number + 1 < len(lines) else None
        if opening is None:
            raise ValueError(f"{page}:{number + 1}: {MARKER} is not followed by a code block")
        fence, language = opening.groups()
        end = next(i for i in range(number + 2, len(lines)) if lines[i].strip() == fence)
        blocks.append(Block(page, number + 2, language, "\n".join(lines[number + 2 : end]) + "\n"))
    return blocks


def project_copy(repo: Path, target: Path) -> Path:
    """A copy of what blocks may use under `target`, which becomes their working folder."""
    for name in COPIED:
        source = repo / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("*.actual.*"))
        else:
            shutil.copy2(source, target / name)
    return target


def run_block(block: Block, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run `block` in `cwd` as a reader would: Python with this interpreter, shell with bash."""
    if block.language == "toml":
        (cwd / "pyproject.toml").write_text(block.code, encoding="utf-8")
    commands = {
        "toml": [sys.executable, "-m", "teikit", "validate", "encoded/"],
        "python": [sys.executable, "-c", block.code],
        "sh": ["bash", "-euo", "pipefail", "-c", block.code],
        "bash": ["bash", "-euo", "pipefail", "-c", block.code],
    }
    if block.language not in commands:
        raise ValueError(f"{block.id}: cannot run a {block.language or 'plain'} block")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(
        commands[block.language], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
