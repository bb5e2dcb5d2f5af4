"""mkdocs hooks: the parts of pages that are generated from the code, so they cannot drift from it.

- `<!-- teikit:cli-help -->` becomes a section per command holding its `--help`, as click prints it;
- `<!-- teikit:config-keys -->` becomes the table of every `[tool.teikit]` key, read from the options
  of the commands (the keys are their long names).
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

import click
from click.testing import CliRunner

from teikit.cli import cli, leaf_commands, long_options

CLI_HELP = "<!-- teikit:cli-help -->"
CONFIG_KEYS = "<!-- teikit:config-keys -->"


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    """Replace the markers with what they stand for."""
    if CLI_HELP in markdown:
        markdown = markdown.replace(CLI_HELP, cli_help())
    if CONFIG_KEYS in markdown:
        markdown = markdown.replace(CONFIG_KEYS, keys_table())
    return markdown


def cli_help() -> str:
    """`teikit --help` and the `--help` of every command, each under its own heading."""
    sections = []
    for name in ["", *leaf_commands(cli)]:
        words = name.split()
        result = CliRunner().invoke(cli, [*words, "--help"], prog_name="teikit", terminal_width=100)
        if result.exit_code != 0:
            raise RuntimeError(f"teikit {name} --help failed: {result.output}")
        sections.append(f"## `{' '.join(['teikit', *words])}`")
        sections.append(f"```text\n{result.output.rstrip()}\n```")
    return "\n\n".join(sections)


def keys_table() -> str:
    """A table per command: each long option as a key, the value it takes, its default, its help."""
    tables = []
    for name, command in leaf_commands(cli).items():
        ctx = click.Context(command)
        rows = [_row(key, option, ctx) for key, option in long_options(command).items() if not option.hidden]
        if rows:
            table = name.replace(" ", ".")
            head = (
                f"### `[tool.teikit.{table}]`\n\n| key | value | default | what it sets |\n|---|---|---|---|"
            )
            tables.append("\n".join([head, *rows]))
    return "\n\n".join(tables)


def _row(key: str, option: click.Option, ctx: click.Context) -> str:
    help_text = (option.help or "").replace("|", "\\|")
    return f"| `{key}` | {_value(option)} | {_default(option, ctx)} | {help_text} |"


def _value(option: click.Option) -> str:
    if option.is_bool_flag:
        return "`true` or `false`"
    if getattr(option, "_flag_needs_value", False):
        return "`true`, `false` or a folder"
    if isinstance(option.type, click.Choice):
        return " or ".join(f'`"{choice}"`' for choice in option.type.choices)
    if isinstance(option.type, click.types.IntParamType):
        return "a whole number"
    if isinstance(option.type, click.Path):
        return "a path"
    return "a string"


def _default(option: click.Option, ctx: click.Context) -> str:
    value = option.get_default(ctx)
    if option.is_bool_flag:
        return f"`{str(value is True).lower()}`"
    if option.required:
        return "required"
    return f"`{value}`" if isinstance(value, str | int | PurePath) else "none"
