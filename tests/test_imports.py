"""Architecture rules (STYLE.md §2): pure modules stay free of lxml, saxonche and click."""

from __future__ import annotations

import subprocess
import sys

import pytest

PURE = [
    "teikit.errors",
    "teikit.model",
    "teikit.entities",
    "teikit.registers",
    "teikit.transcript",
    "teikit.dates",
    "teikit.normalize",
    "teikit.files",
    "teikit.config",
]
HEAVY = ["lxml", "saxonche", "click"]


@pytest.mark.parametrize("module", PURE)
def test_pure_module_imports_no_heavy_dependency(module: str) -> None:
    code = f"import sys, {module}; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "", f"{module} imports {out}"


def test_import_teikit_does_not_load_saxon_or_click() -> None:
    code = "import sys, teikit; print(','.join(m for m in ('saxonche', 'click') if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""
