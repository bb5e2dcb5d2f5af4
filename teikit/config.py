"""`[tool.teikit]` in pyproject.toml: the option defaults of every command, parsed and checked.

A table per command holds its options under their long names (`[tool.teikit.validate] format =
"github"`); keys directly under `[tool.teikit]` apply to every command that has that option, and a
command's own table wins over them. Relative paths are relative to the folder of pyproject.toml.
`COMMANDS` is the one list of keys: the CLI takes its defaults from here (a test checks that it
declares the same options), and `build(options)` reads its `BuildOptions` from the same table.

Pure: `parse` works on the table already read; `read` is the only function that opens a file.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from teikit.errors import TeikitError
from teikit.model import Record

__all__ = [
    "COMMANDS",
    "BuildOptions",
    "Config",
    "ConfigError",
    "Option",
    "base_url_error",
    "find_pyproject",
    "load",
    "parse",
    "read",
]

Value = bool | int | str | Path | None
"""A checked value: a flag's bool, a number, a string, a path (resolved), or None (`cache = false`)."""


class ConfigError(TeikitError, ValueError):
    """`[tool.teikit]` in pyproject.toml cannot be read, or one of its keys is unknown or has a wrong value.

    The message names the file, the table and the key: `pyproject.toml: [tool.teikit.validate] format: …`.
    """

    code = "config"

    def __init__(self, message: str, path: str, table: str | None = None, key: str | None = None) -> None:
        where = f"[{table}] {key}: " if table is not None and key is not None else ""
        super().__init__(f"{path}: {where}{message}")
        self.path, self.table, self.key = path, table, key


@dataclass(frozen=True)
class Option:
    """What one key of a command's table takes."""

    kind: Literal["flag", "int", "str", "path", "choice", "url"]
    """`flag`: true or false; `int`: a whole number; `str`; `path`: a string read as a path relative to
    pyproject.toml's folder; `choice`: one of `choices`."""
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    """The smallest number an `int` takes."""
    flag_value: str | None = None
    """For a path that may also be switched on alone (`cache = true`): the path `true` stands for;
    `false` is None, as if the key were not set."""


_FLAG = Option("flag")
_PATH = Option("path")
_TEXT = Option("str")
_JOBS = Option("int", minimum=0)
_URL = Option("url")

COMMANDS: Mapping[str, Mapping[str, Option]] = {
    "convert": {"output": _PATH, "explain": _FLAG, "strict": _FLAG, "force": _FLAG, "review": _PATH},
    "validate": {
        "format": Option("choice", choices=("text", "json", "junit", "github", "sarif")),
        "tei-all": _FLAG,
        "jobs": _JOBS,
        "cache": Option("path", flag_value=".teikit-cache/validate"),  # teikit.cache.DEFAULT_DIR
        "no-cache": _FLAG,
    },
    "render": {"output": _PATH, "site-title": _TEXT, "base-url": _URL},
    "build": {
        "transcripts": _PATH,
        "encoded": _PATH,
        "site": _PATH,
        "text": _PATH,
        "site-title": _TEXT,
        "base-url": _URL,
        "jobs": _JOBS,
        "review": _PATH,
    },
    "schema build": {},
    "schema check": {},
}
"""Every command (a subcommand of a group written as `group command`) and the keys of its table, which
are its long options without the dashes (`--tei-all` is `tei-all`)."""


class BuildOptions(Record):
    """Where `build` reads and writes; relative paths are relative to the working folder."""

    transcripts: Path = Path("transcripts")
    encoded: Path = Path("encoded")
    site: Path = Path("site")
    text: Path = Path("text")
    site_title: str | None = None
    """The edition's name in every page's title and header; None: the stylesheets' default."""
    base_url: str | None = None
    """Where the site is published (http or https, see `base_url_error`): every cite and permalink is then
    absolute and document pages name their canonical URL; None: relative URLs."""
    jobs: int = 0
    """Processes that validate and render (0: one per core)."""
    review: Path | None = None
    """Where to write the review report of the converter's uncertain calls (`.md`, or `.json`); None: none."""


@dataclass(frozen=True)
class Config:
    """The checked `[tool.teikit]` of one pyproject.toml: for each command, the options it sets."""

    source: str | None = None
    """The pyproject.toml read, as the caller named it; None when there was none."""
    commands: Mapping[str, Mapping[str, Value]] = field(default_factory=dict)
    """Command (`validate`, `schema build`) -> long option name -> value; only the keys set."""

    def options(self, command: str) -> Mapping[str, Value]:
        """The options `[tool.teikit]` sets for `command` (a key of COMMANDS); empty when none."""
        if command not in COMMANDS:
            raise ValueError(f"no command {command!r}; the commands are {', '.join(COMMANDS)}")
        return self.commands.get(command, {})

    def build_options(self) -> BuildOptions:
        """The options of `teikit build`: those set here, the defaults for the rest."""
        values = self.options("build")
        return BuildOptions.model_validate({key.replace("-", "_"): value for key, value in values.items()})


def find_pyproject(folder: str | Path) -> Path | None:
    """The pyproject.toml in `folder` or its nearest parent that has one."""
    start = Path(folder)
    return next((p for d in (start, *start.parents) if (p := d / "pyproject.toml").is_file()), None)


def load(folder: str | Path) -> Config:
    """The configuration that applies in `folder`: that of the nearest pyproject.toml (`find_pyproject`),
    or an empty one. Raises ConfigError as `read` does."""
    found = find_pyproject(folder)
    return read(found) if found is not None else Config()


def read(pyproject: str | Path) -> Config:
    """Read `[tool.teikit]` from the pyproject.toml at `pyproject` (named in messages as given).

    Paths in it are resolved against its folder, as given: pass a relative path to get relative paths.
    Raises ConfigError when the file cannot be read or parsed, or a key is unknown or wrong.
    """
    shown = str(pyproject)
    try:
        with Path(pyproject).open("rb") as handle:
            document = tomllib.load(handle)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise ConfigError(f"cannot read it: {err}", shown) from err
    return parse(document, source=shown, base=Path(pyproject).parent)


def parse(document: Mapping[str, object], *, source: str, base: Path) -> Config:
    """Check the `[tool.teikit]` table of a parsed pyproject.toml `document`.

    :param source: the file's name in messages.
    :param base: the folder relative paths are resolved against.
    Raises ConfigError naming `source`, the table and the key when a key is unknown or its value wrong.
    """
    tool = document.get("tool", {})
    table = tool.get("teikit", {}) if isinstance(tool, dict) else None
    if not isinstance(table, dict):
        raise ConfigError("tool.teikit must be a table, [tool.teikit]", source)
    checker = _Checker(source, base)
    return Config(source=source, commands=checker.group((), table, {}))


class _Checker:
    """Walks `[tool.teikit]` along the tree of commands, checking every key and value."""

    def __init__(self, source: str, base: Path) -> None:
        self.source, self.base = source, base

    def fail(self, table: str, key: str, message: str) -> ConfigError:
        return ConfigError(message, self.source, table, key)

    def group(
        self, path: tuple[str, ...], table: Mapping[str, object], shared: Mapping[str, tuple[str, object]]
    ) -> dict[str, dict[str, Value]]:
        """The options of every command under the group at `path`, from its `table` over the keys `shared`
        by the groups above (key -> (the table it is in, its value))."""
        name = ".".join(("tool.teikit", *path))
        children = _children(path)
        local = {key: (name, value) for key, value in table.items() if key not in children}
        options = {key for command in _commands_under(path) for key in COMMANDS[command]}
        if unknown := sorted(set(local) - options):
            raise self.fail(
                name,
                unknown[0],
                f"unknown key; the keys are the commands ({', '.join(children)}) "
                f"and their long options ({', '.join(sorted(options))})",
            )
        shared = {**shared, **local}
        found: dict[str, dict[str, Value]] = {}
        for child in children:
            own = table.get(child, {})
            if not isinstance(own, dict):
                raise self.fail(name, child, f"must be a table, [{name}.{child}]")
            command = " ".join((*path, child))
            if command in COMMANDS:
                found[command] = self.command(command, own, shared)
            else:
                found.update(self.group((*path, child), own, shared))
        return found

    def command(
        self, command: str, own: Mapping[str, object], shared: Mapping[str, tuple[str, object]]
    ) -> dict[str, Value]:
        name = f"tool.teikit.{command.replace(' ', '.')}"
        keys = COMMANDS[command]
        if unknown := sorted(set(own) - set(keys)):
            raise self.fail(
                name,
                unknown[0],
                f"unknown key; the keys of `teikit {command}` are its long options: "
                f"{', '.join(sorted(keys)) or 'none'}",
            )
        values = {key: entry for key, entry in shared.items() if key in keys} | {
            key: (name, value) for key, value in own.items()
        }
        return {key: self.value(keys[key], table, key, value) for key, (table, value) in values.items()}

    def value(self, option: Option, table: str, key: str, value: object) -> Value:
        """`value` checked as its command-line value would be; a relative path resolved."""
        if option.kind == "flag":
            if not isinstance(value, bool):
                raise self.fail(table, key, f"must be true or false, not {value!r}")
            return value
        if option.flag_value is not None and isinstance(value, bool):
            if not value:  # `cache = false`: off, as without the option
                return None
            value = option.flag_value  # `cache = true`: as the option given without a value
        if option.kind == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                raise self.fail(table, key, f"must be a whole number, not {value!r}")
            if option.minimum is not None and value < option.minimum:
                raise self.fail(table, key, f"{value} is not in the range x>={option.minimum}")
            return value
        if not isinstance(value, str):
            raise self.fail(table, key, f"must be a string, not {value!r}")
        if option.kind == "choice" and value not in option.choices:
            raise self.fail(table, key, f"{value!r} is not one of {', '.join(map(repr, option.choices))}")
        if option.kind == "path":
            return _resolve(self.base, value)
        if option.kind == "url" and (problem := base_url_error(value)):
            raise self.fail(table, key, problem)
        return value


def base_url_error(url: str) -> str | None:
    """Why `url` cannot be the address a site is published at (it must be an absolute http or https URL
    with a host, and no query or fragment); None when it can."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return f"{url!r} is no absolute http or https URL"
    if parts.query or parts.fragment or any(c.isspace() for c in url):
        return f"{url!r} has a query, a fragment or a space; a base URL is a folder's address"
    return None


def _resolve(base: Path, value: str) -> Path:
    """`value` relative to `base`, without `base/.` noise: `Path(".")/"site"` is `site`."""
    path = Path(value)
    return path if path.is_absolute() else base / path


def _children(path: tuple[str, ...]) -> list[str]:
    """The names of the commands and groups directly under the group at `path`, in COMMANDS' order."""
    depth = len(path)
    names = (tuple(command.split()) for command in COMMANDS)
    return list(
        dict.fromkeys(parts[depth] for parts in names if parts[:depth] == path and len(parts) > depth)
    )


def _commands_under(path: tuple[str, ...]) -> list[str]:
    return [command for command in COMMANDS if tuple(command.split())[: len(path)] == path]
