"""Validation reports in the formats editors and CI read: text, JSON, JUnit XML, GitHub annotations, SARIF."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from xml.sax.saxutils import escape, quoteattr

from teikit._version import __version__
from teikit.model import Issue

FORMATS = ("text", "json", "junit", "github", "sarif")


def render(results: Mapping[str, Sequence[Issue]], fmt: str) -> str:
    """The report for `results` (file -> its issues, every file validated, clean ones too)."""
    return _RENDERERS[fmt](results)


def _text(results: Mapping[str, Sequence[Issue]]) -> str:
    return "".join(f"{issue}\n" for issues in results.values() for issue in issues)


def _json(results: Mapping[str, Sequence[Issue]]) -> str:
    rows = [issue.model_dump() for issues in results.values() for issue in issues]
    return json.dumps({"files": len(results), "issues": rows}, indent=2, ensure_ascii=False) + "\n"


def _github(results: Mapping[str, Sequence[Issue]]) -> str:
    level = {"error": "error", "warning": "warning", "info": "notice"}
    lines = []
    for issues in results.values():
        for i in issues:
            message = f"{i.message} [{i.rule}]".replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            lines.append(
                f"::{level[i.severity]} file={i.path},line={i.line},col={i.column},title=teikit {i.rule}::"
                f"{message}\n"
            )
    return "".join(lines)


def _junit(results: Mapping[str, Sequence[Issue]]) -> str:
    failures = sum(any(i.severity == "error" for i in issues) for issues in results.values())
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<testsuites name="teikit validate" tests="{len(results)}" failures="{failures}">',
        f'  <testsuite name="teikit validate" tests="{len(results)}" failures="{failures}">',
    ]
    for path, issues in results.items():
        errors = [i for i in issues if i.severity == "error"]
        out.append(f'    <testcase classname="teikit.validate" name={quoteattr(path)}>')
        if errors:
            body = escape("\n".join(str(i) for i in errors))
            out.append(f"      <failure message={quoteattr(f'{len(errors)} errors')}>{body}</failure>")
        others = [i for i in issues if i.severity != "error"]
        if others:
            out.append(f"      <system-out>{escape(chr(10).join(str(i) for i in others))}</system-out>")
        out.append("    </testcase>")
    out += ["  </testsuite>", "</testsuites>", ""]
    return "\n".join(out)


def _sarif(results: Mapping[str, Sequence[Issue]]) -> str:
    level = {"error": "error", "warning": "warning", "info": "note"}
    issues = [i for found in results.values() for i in found]
    rules = sorted({i.rule for i in issues})
    report = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "teikit",
                        "version": __version__,
                        "rules": [{"id": rule} for rule in rules],
                    }
                },
                "results": [
                    {
                        "ruleId": i.rule,
                        "level": level[i.severity],
                        "message": {"text": i.message},
                        "locations": [
                            {
                                "physicalLocation": {
                                    "artifactLocation": {"uri": i.path},
                                    "region": {"startLine": i.line, "startColumn": i.column},
                                }
                            }
                        ],
                    }
                    for i in issues
                ],
            }
        ],
    }
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


_RENDERERS: dict[str, Callable[[Mapping[str, Sequence[Issue]]], str]] = {
    "text": _text,
    "json": _json,
    "junit": _junit,
    "github": _github,
    "sarif": _sarif,
}
