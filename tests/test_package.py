"""The package as people get it: a wheel built from a copy of the checkout, installed (not editable) into
a fresh virtual environment, run from the checkout's root and from another folder; the version written
once; every bundled schema and stylesheet in the wheel.

The fresh environment borrows the test environment's dependencies through a `.pth` line (no download):
only teikit itself is installed into it, from the wheel, with `--no-deps --no-index`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from email.parser import Parser
from importlib.metadata import version
from pathlib import Path

import pytest
from conftest import REPO

import teikit

_CHECKOUT = ("pyproject.toml", "README.md", "LICENSE", "teikit", "schemas", "transforms", "transcripts")
"""What a clone holds that building the wheel and `teikit build` read."""
_BUNDLED = ("schemas", "transforms")
_DOCUMENTATION = {".md"}
"""Files in the bundled folders that are notes for developers, not data teikit reads."""


class Installed:
    """A copy of the checkout (`clone`), the wheel built from it, and a fresh venv holding that wheel."""

    def __init__(self, root: Path) -> None:
        self.clone = root / "clone"
        self.clone.mkdir()
        for name in _CHECKOUT:
            source = REPO / name
            if source.is_dir():
                shutil.copytree(source, self.clone / name, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(source, self.clone / name)
        dist = root / "dist"
        wheel = "-m pip wheel -q --no-deps --no-build-isolation".split()
        _run([sys.executable, *wheel, "-w", dist, "."], cwd=self.clone)
        # The build leaves its own folders in the clone; a clone freshly made has none.
        for leftover in ("build", "teikit.egg-info"):
            shutil.rmtree(self.clone / leftover, ignore_errors=True)
        (self.wheel,) = dist.glob("teikit-*.whl")
        self.venv = root / "venv"
        _run([sys.executable, "-m", "venv", "--without-pip", self.venv], cwd=root)
        self.python = self.venv / "bin" / "python"
        site = Path(
            _run([self.python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=root)
        )
        (site / "_test_dependencies.pth").write_text(
            sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
        )
        install = "-m pip install -q --no-deps --no-index --ignore-installed".split()
        _run([self.python, *install, self.wheel], cwd=root)
        self.site = site
        self.teikit = self.venv / "bin" / "teikit"


def _run(command: list[str | Path], cwd: Path) -> str:
    done = subprocess.run(
        [str(part) for part in command], cwd=cwd, capture_output=True, text=True, check=False, timeout=300
    )
    assert done.returncode == 0, (
        f"{' '.join(map(str, command))} in {cwd}: exit {done.returncode}\n{done.stderr}"
    )
    return done.stdout.strip()


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    return Installed(tmp_path_factory.mktemp("package"))


def _where(installed: Installed, cwd: Path) -> tuple[Path, Path, Path]:
    """(the teikit package, its schemas folder, its transforms folder) as the fresh venv finds them in `cwd`."""
    code = (
        "import teikit, teikit.resources as r; "
        "print(teikit.__file__); print(r.schema_path('teikit.rng').parent); print(r.transform_path('html').parent)"
    )
    package, schemas, transforms = _run([installed.python, "-c", code], cwd=cwd).splitlines()
    return Path(package).parent, Path(schemas), Path(transforms)


def _pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.html"))}


def test_checkout_and_wheel_each_read_their_own_schemas_and_transforms(installed: Installed) -> None:
    """From the clone's root the clone's package shadows the installed one, and finds the clone's folders;
    elsewhere the installed package finds its own. Both hold the same files."""
    elsewhere = installed.clone.parent / "elsewhere"
    elsewhere.mkdir(exist_ok=True)
    assert _where(installed, installed.clone) == (
        installed.clone / "teikit",
        installed.clone / "schemas",
        installed.clone / "transforms",
    )
    package, schemas, transforms = _where(installed, elsewhere)
    assert package == installed.site / "teikit"
    assert (schemas, transforms) == (package / "schemas", package / "transforms")
    for folder, bundled in (("schemas", schemas), ("transforms", transforms)):
        for source in (installed.clone / folder).rglob("*"):
            if source.is_file() and source.suffix not in {".py", ".pyc", *_DOCUMENTATION}:
                copy = bundled / source.relative_to(installed.clone / folder)
                assert copy.read_bytes() == source.read_bytes(), copy


def test_build_runs_from_the_checkout_root_and_from_another_folder(installed: Installed) -> None:
    """`teikit build` with the wheel installed: from the clone's root (as the console script, and as
    `python -m teikit`, which imports the clone's package, its workers too), and from another folder."""
    other = installed.clone.parent / "corpus"
    other.mkdir(exist_ok=True)
    shutil.copytree(installed.clone / "transcripts", other / "transcripts")
    runs = {
        "script at the root": ([installed.teikit, "build", "-o", "site-script"], installed.clone),
        "module at the root": (
            [installed.python, "-m", "teikit", "build", "-o", "site-module"],
            installed.clone,
        ),
        "script elsewhere": ([installed.teikit, "build", "-j", "1"], other),
    }
    sites = {}
    for label, (command, cwd) in runs.items():
        out = _run(command, cwd=cwd)
        assert "2 documents, 0 validation issues" in out, f"{label}: {out}"
        site = cwd / command[-1] if command[-2] == "-o" else cwd / "site"
        sites[label] = _pages(site)
        assert {"index.html", "wcda-116540.html", "wcda-116739.html"} <= sites[label].keys(), label
        assert (cwd / "text" / "wcda-116540.txt").read_text(encoding="utf-8").strip(), label
    first, *rest = sites.values()
    assert all(pages == first for pages in rest), "the three builds rendered different pages"


def test_the_version_is_written_once_and_every_copy_agrees(installed: Installed) -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "teikit._version.__version__"}
    with zipfile.ZipFile(installed.wheel) as wheel:
        metadata = Parser().parsestr(wheel.read(f"teikit-{teikit.__version__}.dist-info/METADATA").decode())
    found = {
        "teikit.__version__": teikit.__version__,
        "wheel file name": installed.wheel.name.split("-")[1],
        "wheel METADATA": metadata["Version"],
        "installed metadata (fresh venv)": _run(
            [installed.python, "-c", "from importlib.metadata import version; print(version('teikit'))"],
            cwd=installed.clone.parent,
        ),
        "teikit --version (fresh venv)": _run(
            [installed.teikit, "--version"], cwd=installed.clone.parent
        ).split()[-1],
        "installed metadata (this venv)": version("teikit"),
    }
    assert set(found.values()) == {teikit.__version__}, found


def test_the_wheel_holds_every_bundled_schema_and_stylesheet(installed: Installed) -> None:
    """Every file of schemas/ and transforms/ (but their developer notes) is in the wheel, byte for byte,
    and every one is well-formed XML."""
    from lxml import etree

    with zipfile.ZipFile(installed.wheel) as wheel:
        packed = {name: wheel.read(name) for name in wheel.namelist()}
    expected = [
        (folder, path)
        for folder in _BUNDLED
        for path in sorted((REPO / folder).rglob("*"))
        if path.is_file() and path.suffix not in {".py", ".pyc", *_DOCUMENTATION}
    ]
    assert {p.suffix for _, p in expected} == {".odd", ".rng", ".sch", ".xsl"}
    for folder, path in expected:
        name = f"teikit/{folder}/{path.relative_to(REPO / folder).as_posix()}"
        assert name in packed, f"{name} is not in {installed.wheel.name}"
        assert packed[name] == path.read_bytes(), name
        etree.fromstring(packed[name])


def test_the_wheel_carries_the_license(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as wheel:
        licenses = [name for name in wheel.namelist() if name.endswith(".dist-info/licenses/LICENSE")]
        metadata = next(name for name in wheel.namelist() if name.endswith(".dist-info/METADATA"))
        assert len(licenses) == 1
        assert wheel.read(licenses[0]) == (REPO / "LICENSE").read_bytes()
        assert "License-Expression: MIT" in wheel.read(metadata).decode("utf-8")
