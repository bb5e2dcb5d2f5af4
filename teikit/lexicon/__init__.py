"""Word lists the recognisers read: titles of people, the head nouns of organisations' names and the
international bodies known by name or acronym. One entry a line; `#` starts a comment. The files ship
inside the package (pyproject.toml's package-data)."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

__all__ = ["entries"]


@cache
def entries(name: str) -> tuple[str, ...]:
    """The entries of the list `name` (`titles`, `org-heads`, `bodies`), in file order, comments and
    blank lines left out."""
    text = files(__name__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            out.append(entry)
    return tuple(out)
