"""One row of a scraped CSV export (SOURCE-FORMATS C6), written out as labelled fields.

`teikit.transcript.csv_export` turns each row into text of the form `column: value`, one field per
column, `text_body` last; this layout reads that text back into wrapper sections and a body.
"""

from __future__ import annotations

import re

from teikit.model import Para, Section, Span
from teikit.transcript.base import Detection, Wrapper
from teikit.transcript.blocks import trim
from teikit.transcript.wrapper import para

name = "csv-row"
rules = ("line-endings", "trailing-space", "csv-row")

BODY_COLUMN = "text_body"
_FIELD = re.compile(r"^(?P<col>[a-z][a-z0-9_]*):(?: |$)", re.MULTILINE)
_KEYS = {
    "original_publication_date": "date",
    "title": "title",
    "credits": "credits",
    "summary": "summary",
    "authors": "authors",
    "associated_places": "places",
    "subjects_discussed": "topics",
    "associated_people_orgs": "people",
    "document_contributors": "contributors",
    "source": "source",
    "original_upload_date": "uploaded",
    "original_archive_title": "original-archive",
    "language": "original-language",
    "rights": "rights",
    "record_id": "record-id",
    "original_classification": "classification",
    "donors": "donors",
}
"""CSV column -> section key (div/@type); other columns become `metadata`, their name kept in the head."""


def detect(text: str) -> Detection | None:
    if not text.startswith("original_publication_date:") and f"\n{BODY_COLUMN}:\n" not in text:
        return None
    return Detection(name, 1, "a CSV export row written as labelled columns")


def split(text: str) -> Wrapper:
    fields = list(_FIELD.finditer(text))
    out = Wrapper(body_start=len(text), body_end=len(text))
    for i, m in enumerate(fields):
        end = fields[i + 1].start() if i + 1 < len(fields) else len(text)
        head = Span(start=m.start(), end=m.start() + len(m["col"]) + 1)
        value = trim(text, head.end, end)
        if m["col"] == BODY_COLUMN:  # its label closes <front>; its value is the body
            out.front.append(Section(key="metadata", head=head, paras=()))
            out.body_start, out.body_end = value.start, value.end
            continue
        paras: tuple[Para, ...] = (para(text, value),) if value.start < value.end else ()
        section = Section(key=_KEYS.get(m["col"], "metadata"), head=head, paras=paras)
        (out.front if out.body_start == len(text) else out.back).append(section)
    return out
