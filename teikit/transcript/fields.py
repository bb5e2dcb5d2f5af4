"""The field block's labels ("Time:", "Location:", "Korean Attendees:", "To:"): which lines are fields,
and what each label means."""

from __future__ import annotations

import re

from teikit.model import Role
from teikit.transcript.participants import names_a_country

_FIELD_KEYS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rx, re.IGNORECASE), key)
    for rx, key in (
        (r"^(?:date and )?time$|^date$|^date,? time$", "time"),
        (r"^(?:place|location|venue)$", "place"),
        (r"^interpret|interpreter|translator", "interpreter"),
        (r"^record|^documentation$|^minutes$|note.?taker|^minutes taken by", "recorder"),
        (
            r"accompan|attendee|participant|guests|side$|delegation|^(?:also |others |those )?present(?: were)?$|"
            r"^present (?:at|in) (?:the )?(?:meeting|talks|conversation|session)$|^attended(?: by)?$|^attending$|"
            r"^participating$|^taking part$|^those attending$|"
            r"^chairing$|^chair$|^in attendance$|^experts?$|^advis[eo]rs?$|^observers?$|"
            r"^from\s+(?:the\s+)?\S",
            "participants",
        ),
        (r"^subject$|^re$|^topic$", "subject"),
        (r"^from$|^sender$", "from"),
        (r"^to$|^addressee$|^to whom$", "to"),
        (r"^destination$", "destination"),
        (r"^(?:no|nº|n°)\.?$|^number$", "number"),
        (r"^copies$|^distribution$|^distributed to$", "distribution"),
    )
)
"""Field label (an open vocabulary, SOURCE-FORMATS §2b) -> meaning; the first match wins."""

ROLES: dict[str, Role] = {
    "interpreter": "interpreter",
    "recorder": "recorder",
    "participants": "participant",
    "from": "sender",
    "to": "addressee",
}
"""Field meaning -> the role of the people its value lists."""
SIDE_LABEL = re.compile(
    r"side|delegation|guests|accompan|attendee|^our\b|^foreign|^from\s|^\[?(?:north|south|east|west)\b",
    re.IGNORECASE,
)
"""Participant labels that name a group of people (a side), not just their presence."""
FIELD_LINE = re.compile(r"(?P<label>[A-Z\[][^:\n]{0,60}?):(?:[ \t]+(?=\S)|[ \t]*$)", re.MULTILINE)
"""A line that opens with a label and a colon."""


_STAFF: frozenset[Role] = frozenset({"interpreter", "recorder"})


def field_roles(label: str, key: str) -> tuple[Role, ...]:
    """The roles of the people a field lists: one, or each task a staff label joins ("Interpreter and
    recorder", "Interpreter/Note-taker").

    :param key: the field's meaning (one of ROLES).
    """
    parts = re.split(r"\s+(?:and|&)\s+|\s*/\s*", label.strip("[]: "))
    keys = [next((k for rx, k in _FIELD_KEYS if rx.search(p)), None) for p in parts]
    roles = tuple(dict.fromkeys(ROLES[k] for k in keys if k in ROLES))
    return roles if len(roles) > 1 and set(roles) <= _STAFF else (ROLES[key],)


def field_key(label: str) -> str | None:
    """What a field label means ("time", "place", "participants", …), or None if it is not a field label."""
    if (
        len(label.split()) > 5
        or any(c.isdigit() for c in label)
        or "[" in label[1:]
        or "note" in label.lower()
    ):
        return None
    words = label.strip("[] ")
    found = next((key for rx, key in _FIELD_KEYS if rx.search(words)), None)
    if found is None and (words.lower() in {"north", "south", "east", "west"} or names_a_country(label)):
        return "participants"  # "South: LEE Beom-seok (chief delegate), …", "Albania: …"
    return found
