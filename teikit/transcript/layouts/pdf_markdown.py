"""New PDF export converted to Markdown (SOURCE-FORMATS C4): `### **Citation:**` headings."""

from __future__ import annotations

import re

from teikit.transcript.base import Detection, Wrapper, detected
from teikit.transcript.wrapper import split_pdf_export

name = "pdf-markdown"
rules = ("line-endings", "trailing-space", "markdown")

_HEADING_LABEL = re.compile(r"^ {0,3}#{1,6}[ \t]+\*\*(Citation|Summary|Contents):\*\*[ \t]*$", re.MULTILINE)


def detect(text: str) -> Detection | None:
    return detected(
        name, text, _HEADING_LABEL.search(text), "Markdown heading with a bold wrapper label: '{match}'"
    )


def split(text: str) -> Wrapper:
    return split_pdf_export(text)
