"""`[tool.teikit]` (teikit.config): parsed and checked without the CLI, and in step with the CLI's options."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from teikit import config, pipeline
from teikit.cli import cli, leaf_commands, long_options
from teikit.config import COMMANDS, BuildOptions, ConfigError, parse


def _parse(toml: dict[str, object], base: Path = Path("proj")) -> config.Config:
    return parse({"tool": {"teikit": toml}}, source="proj/pyproject.toml", base=base)


def test_a_command_table_wins_over_shared_keys_and_paths_are_resolved() -> None:
    found = _parse({"site-title": "All", "jobs": 2, "build": {"site-title": "Mine", "site": "public"}})
    assert found.options("build") == {"site-title": "Mine", "jobs": 2, "site": Path("proj/public")}
    assert found.options("render") == {"site-title": "All"}
    assert found.options("validate") == {"jobs": 2}
    assert found.options("convert") == {} and found.options("schema check") == {}


def test_absolute_paths_stay_and_cache_true_is_the_default_folder() -> None:
    found = _parse({"validate": {"cache": True}, "convert": {"output": "/srv/encoded"}})
    assert found.options("validate") == {"cache": Path("proj/.teikit-cache/validate")}
    assert found.options("convert") == {"output": Path("/srv/encoded")}
    assert _parse({"validate": {"cache": False}}).options("validate") == {"cache": None}


def test_build_options_come_from_the_build_table() -> None:
    options = _parse({"jobs": 1, "build": {"encoded": "tei", "site-title": "X"}}).build_options()
    assert options == BuildOptions(encoded=Path("proj/tei"), site_title="X", jobs=1)
    assert config.Config().build_options() == BuildOptions()


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ({"validate": {"format": "xml"}}, "[tool.teikit.validate] format: 'xml' is not one of 'text',"),
        ({"build": {"jobs": -2}}, "[tool.teikit.build] jobs: -2 is not in the range x>=0"),
        ({"jobs": True}, "[tool.teikit] jobs: must be a whole number, not True"),
        ({"schema": {"build": {"x": 1}}}, "[tool.teikit.schema.build] x: unknown key"),
        ({"schema": 1}, "[tool.teikit] schema: must be a table, [tool.teikit.schema]"),
        ({"render": {"site-title": None}}, "[tool.teikit.render] site-title: must be a string, not None"),
    ],
)
def test_mistakes_name_the_file_the_table_and_the_key(toml: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        _parse(toml)
    assert str(caught.value).startswith(f"proj/pyproject.toml: {message}"), caught.value
    assert caught.value.path == "proj/pyproject.toml"


def test_read_names_an_unreadable_file(tmp_path: Path) -> None:
    (tmp_path / "project").mkdir()
    bad = tmp_path / "project" / "pyproject.toml"
    bad.write_bytes(b"[tool.teikit\n")
    with pytest.raises(ConfigError, match="pyproject.toml: cannot read it: Expected ']'"):
        config.read(bad)
    with pytest.raises(ConfigError, match="cannot read it"):
        config.load(tmp_path / "project" / "sub")
    assert config.load(tmp_path) == config.Config()  # no pyproject.toml above: none


def test_build_without_options_reads_the_nearest_pyproject(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.teikit.build]\ntranscripts = "in"\n', encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "note.txt").write_text("A note.\n\nIt has two paragraphs.\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    report = pipeline.build()
    assert [Path(r.source).parts[-2:] for r in report.converted if r.kind == "encoding"] == [
        ("in", "note.txt")
    ]
    (tmp_path / "pyproject.toml").write_text("[tool.teikit.build]\nsite = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[tool.teikit.build\] site: must be a string"):
        pipeline.build()


def test_the_config_knows_every_command() -> None:
    assert set(leaf_commands(cli)) == set(COMMANDS)


_KINDS: dict[str, type] = {"int": click.types.IntParamType, "path": click.Path, "choice": click.Choice}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_the_cli_declares_the_keys_the_config_knows(name: str) -> None:
    command = leaf_commands(cli)[name]
    options = {key: option for key, option in long_options(command).items() if key != "help"}
    assert set(options) == set(COMMANDS[name])
    for key, option in options.items():
        declared = COMMANDS[name][key]
        if declared.kind == "flag":
            assert option.is_bool_flag, key
        elif declared.kind in {"str", "url"}:  # a URL is a string the option's callback checks
            assert option.type is click.STRING, key
        else:
            assert isinstance(option.type, _KINDS[declared.kind]), key
        if declared.kind == "choice":
            assert isinstance(option.type, click.Choice) and tuple(option.type.choices) == declared.choices
        if declared.minimum is not None:
            assert isinstance(option.type, click.IntRange) and option.type.min == declared.minimum
        if declared.flag_value is not None:
            assert option.flag_value == declared.flag_value and not option.is_bool_flag
