"""The review report: every uncertain call the converter made, with its file and line, as Markdown or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from teikit.pipeline import FileResult


def render_report(results: Sequence[FileResult], fmt: str = "md") -> str:
    """The report for a batch of conversions; `fmt` is `md` (default) or `json`."""
    if fmt == "json":
        rows = [
            {"path": r.source, "line": n.line, "column": n.column, "kind": n.kind, "message": n.message}
            for r in results
            for n in r.review
        ]
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    total = sum(len(r.review) for r in results)
    out = ["# teikit review report", "", f"{total} uncertain calls in {len(results)} transcripts.", ""]
    for result in results:
        if not result.review:
            continue
        out += [f"## {result.source}", ""]
        out += [f"- `{result.source}:{n.line}:{n.column}` **{n.kind}**: {n.message}" for n in result.review]
        out.append("")
    return "\n".join(out)
