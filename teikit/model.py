"""pydantic models: the transcript as parsed (Document and its blocks) and validation Issues.

Every piece of source text is held as a character span into `Document.text`, the normalised
transcript; line and column are computed only for messages (see `teikit.errors.location_of`).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict


class Record(BaseModel):
    """Base of every model: frozen, no extra fields, field docstrings kept."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


Severity = Literal["error", "warning", "info"]


class Issue(Record):
    """One validation problem, located in the file that has it."""

    path: str
    """The file, as given by the caller."""
    line: int
    """1-based line of the offending element or character."""
    column: int
    """1-based column (1 when the validator cannot tell)."""
    severity: Severity = "error"
    """`error` makes a document invalid; `warning` and `info` do not."""
    message: str
    """What is wrong, in words."""
    rule: str = ""
    """Stable id of the rule or check that failed, e.g. `rng`, `xml-syntax`, `who-resolves`."""

    def __str__(self) -> str:
        rule = f" [{self.rule}]" if self.rule else ""
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}{rule}"


class Report(Record):
    """The outcome of validating one document (`teikit.validate`): every issue, and whether it is valid."""

    path: str
    """The document as the issues name it: its path as given, or `<string>`, `<bytes>`, `<tree>`."""
    issues: tuple[Issue, ...] = ()
    """Every problem found, sorted by line."""

    @property
    def ok(self) -> bool:
        """True when no issue is an error (warnings and infos leave a document valid)."""
        return not any(issue.severity == "error" for issue in self.issues)

    @property
    def errors(self) -> tuple[Issue, ...]:
        """The issues of severity `error`."""
        return tuple(issue for issue in self.issues if issue.severity == "error")

    def __str__(self) -> str:
        return "\n".join(map(str, self.issues))


class Span(Record):
    """A stretch of the normalised transcript text: `text[start:end]`."""

    start: int
    end: int


class Inline(Record):
    """Standoff markup inside a block: a TEI element wrapping `text[start:end]` (empty for milestones)."""

    start: int
    end: int
    tag: str
    """TEI element name: persName, roleName, placeName, date, stage, pb, ref…"""
    attrs: tuple[tuple[str, str], ...] = ()
    """Attributes in output order; `#`-pointers are local ids."""
    added: tuple[tuple[str, str], ...] = ()
    """(element, text) that teikit adds after the wrapped text, e.g. `("reg", "representatives")`
    inside a choice; the source view leaves them out."""


class Para(Record):
    """A run of source text encoded as one element (p, head, stage, seg…) with its inline markup."""

    span: Span
    tag: str = "p"
    attrs: tuple[tuple[str, str], ...] = ()
    """The element's attributes, e.g. `(("type", "classification"),)` for an opener line."""
    inlines: tuple[Inline, ...] = ()


class Field(Record):
    """One labelled line of a field block ("Time: …"), or one item of a list ("- …")."""

    label: Span
    key: str
    """Normalised meaning of the label: time, place, participants, interpreter, recorder, bullet…"""
    value: Para


class FieldList(Record):
    """Consecutive labelled lines: the field block of a record, or a bulleted list."""

    kind: Literal["fields", "bulleted", "ordered"]
    fields: tuple[Field, ...]


class Opener(Record):
    """Lines before the body proper: classification, review status, file number."""

    lines: tuple[Para, ...]


class Turn(Record):
    """A speaker turn: the label as written and the paragraphs spoken."""

    who: str
    """xml:id of the participant speaking."""
    speaker: Span
    paras: tuple[Para | FieldList, ...]
    """Paragraphs, stage notes and lists spoken."""
    speaker_inlines: tuple[Inline, ...] = ()
    """Markup inside the label (a bracketed completion, an UPPERCASE name…)."""


Block = Opener | FieldList | Turn | Para


class Section(Record):
    """An archive wrapper field kept verbatim in <front> (Citation, Summary, Credits…)."""

    key: str
    """citation, summary, credits, original-language, contents, or a slug of an unknown label."""
    head: Span | None
    """The label as written; None for an unlabelled field (a web page's credits line)."""
    paras: tuple[Para, ...]
    sections: tuple[Section, ...] = ()
    """Labelled fields grouped under this one (a web page's Document Information)."""


Role = Literal["participant", "interpreter", "recorder", "sender", "addressee", "other"]


class Person(Record):
    """A participant as declared by the document (field block or speaker declaration)."""

    id: str
    name: str
    variants: tuple[str, ...] = ()
    """Other written forms: bracketed romanisations, completed names."""
    titles: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ("participant",)
    """What the person does in the document; several for one listed as "Interpreter and recorder"."""
    side: str | None = None
    """The label of the group the person is listed under, e.g. "[North] Korean Attendees"."""


class EntityRef(Record):
    """A place or organisation the text names, with the forms the text writes (authority ids for places)."""

    id: str
    name: str
    forms: tuple[str, ...] = ()
    geonames: int | None = None
    iso: str | None = None
    latitude: float | None = None
    longitude: float | None = None


class Header(Record):
    """Metadata mapped into the teiHeader, each value taken from the transcript."""

    title: str
    date: str | None = None
    """ISO 8601 date of the document."""
    date_text: str | None = None
    doc_type: str = "document"
    """record-of-conversation, report, telegram, letter, minutes, memorandum or document."""
    record_id: str | None = None
    record_url: str | None = None
    publisher: str | None = None
    archive_ref: str | None = None
    translators: tuple[str, ...] = ()
    obtainers: tuple[str, ...] = ()
    translated_for: str | None = None
    funders: tuple[str, ...] = ()
    summary: str | None = None
    original_language: str | None = None
    """Language name as written ("Chinese")."""
    original_language_code: str | None = None
    """ISO 639-1 (or 639-3) code when the name is known."""
    language: str | None = None
    """Language of the transcript as named in the Contents field ("English")."""
    language_code: str | None = None
    setting_date: str | None = None
    setting_date_text: str | None = None
    setting_place: str | None = None
    setting_place_ref: str | None = None
    """The places register's id of the setting's place, when the gazetteer or the building rule knows it."""


ReviewKind = Literal[
    "fallback-layout",
    "encoding",
    "unresolved-speaker",
    "new-speaker",
    "empty-turn",
    "unclassified-bracket",
    "unbalanced-bracket",
    "deep-brackets",
    "page-join",
    "ambiguous-date",
    "unparsed-participant",
    "overlap",
    "register",
]


class ReviewNote(Record):
    """An uncertain call the converter made, for an editor to check."""

    line: int
    column: int
    kind: ReviewKind
    message: str


class Document(Record):
    """A parsed transcript: normalised text, header metadata, participants and blocks (as spans)."""

    id: str
    """Document id, from the file name: also the TEI's xml:id."""
    path: str
    layout: str
    text: str
    """The transcript after the declared normalisation; every span points into it."""
    normalisation: tuple[str, ...]
    header: Header
    persons: tuple[Person, ...] = ()
    """The participants (particDesc)."""
    mentioned: tuple[Person, ...] = ()
    """Other people the text names with a title ("c. Brezhnev"): register entries, not participants."""
    places: tuple[EntityRef, ...] = ()
    """Countries and cities the text names (places register)."""
    orgs: tuple[EntityRef, ...] = ()
    """Organisations the text names (organisations register)."""
    doc_date: Para | None = None
    doc_title: Para | None = None
    front: tuple[Section, ...] = ()
    body: tuple[Block, ...] = ()
    back: tuple[Section, ...] = ()
    """Wrapper fields that follow the body (e.g. a web page's document information)."""
    review: tuple[ReviewNote, ...] = ()
    evidence: tuple[str, ...] = ()
    """Why the converter read the turns as it did: one line per speaker label ("line 5: speaker label
    'VOLKOV' after a time: a name in capitals"), for `teikit convert --explain`."""
