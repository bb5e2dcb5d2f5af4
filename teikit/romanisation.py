"""Comparison keys for personal names written in different romanisations (SOURCE-FORMATS §10).

Two spellings of one name share a key: Korean in Revised Romanization and McCune–Reischauer with
any hyphenation, spacing or capitalisation ("Kim Il-sung", "Kim Il Sung", "Kim Ilsung"; "Ri Il-gyeong",
"Ri Il Gyong"), the L/R/Y families of Korean surnames ("Ri", "Li", "Rhee", "Yi", "Lee"), and Chinese
in pinyin and Wade–Giles ("Zhou Enlai", "Chou En-lai"; "Mao Zedong", "Mao Tse-tung"). The tables are
syllable correspondences and surname families, linguistic data only. Pure; no I/O.

A key is a skeleton, not a transliteration: it forgets what the schemes disagree on (aspiration,
voicing, vowel marks) and keeps the rest, so it compares names and is never shown.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

__all__ = ["keys", "same_name"]

_KOREAN_SURNAMES: tuple[tuple[str, ...], ...] = (
    ("li", "ri", "rhee", "rhie", "ree", "yi", "lee", "i"),
    ("pak", "park", "bak", "bahk"),
    ("choe", "choi", "choy", "chwe"),
    ("chong", "jeong", "jung", "chung", "cheong", "joung"),
    ("kim", "gim"),
    ("kang", "gang"),
    ("ko", "go", "koh"),
    ("cho", "jo"),
    ("no", "noh", "roh", "ro"),
    ("yu", "yoo", "ryu", "ryoo"),
    ("lim", "im", "rim", "yim"),
    ("yang", "ryang"),
    ("o", "oh"),
    ("sin", "shin", "shinn"),
    ("kwon", "gwon"),
    ("chon", "jeon", "cheon", "jun"),
    ("yun", "yoon"),
    ("mun", "moon"),
    ("son", "sohn"),
    ("pae", "bae"),
    ("paek", "baek", "paik", "baik"),
    ("ho", "heo", "hur", "huh"),
    ("chu", "ju", "joo"),
    ("kwak", "gwak"),
    ("yom", "yeom"),
    ("chang", "jang"),
    ("chin", "jin"),
    ("to", "do", "doh"),
    ("pyon", "byeon", "byun"),
    ("ryom", "ryeom"),
)
"""Spellings of one Korean surname, folded to lower case; the first names the family."""
_SURNAME_FAMILY = {spelling: family[0] for family in _KOREAN_SURNAMES for spelling in family}

_PINYIN_INITIALS = (
    "zh",
    "ch",
    "sh",
    "b",
    "p",
    "m",
    "f",
    "d",
    "t",
    "n",
    "l",
    "g",
    "k",
    "h",
    "j",
    "q",
    "x",
    "r",
    "z",
    "c",
    "s",
    "y",
    "w",
    "",
)
_PINYIN_FINALS = frozenset(
    """a o e i u v ai ei ui ao ou iu ie ue ve er an en in un vn ang eng ing ong ia ua uo iao ian
    uai uan van iang iong uang ueng""".split()
)
_PINYIN_CLASS = {
    "zh": "C",
    "ch": "C",
    "j": "C",
    "q": "C",
    "z": "Z",
    "c": "Z",
    "sh": "S",
    "x": "X",
    "r": "R",
    "d": "T",
    "t": "T",
    "b": "P",
    "p": "P",
    "g": "K",
    "k": "K",
}
"""Initials that the two Chinese schemes tell apart by aspiration or voicing, which Wade–Giles without
its apostrophes loses: each class is one letter of the key."""
_APICAL = frozenset({"zh", "ch", "sh", "r", "z", "c", "s"})
"""Pinyin initials after which "i" is the apical vowel (Wade–Giles "-ih", "-u")."""

_WG_INITIALS = (
    "ch",
    "hs",
    "ts",
    "tz",
    "ss",
    "sz",
    "sh",
    "k",
    "t",
    "p",
    "j",
    "m",
    "f",
    "n",
    "l",
    "h",
    "y",
    "w",
    "s",
    "",
)
_WG_CLASS = {
    "ch": "C",
    "hs": "X",
    "ts": "Z",
    "tz": "Z",
    "ss": "s",
    "sz": "s",
    "sh": "S",
    "k": "K",
    "t": "T",
    "p": "P",
    "j": "R",
}
_WG_FINALS = {
    "a": "a",
    "ai": "ai",
    "an": "an",
    "ang": "ang",
    "ao": "ao",
    "e": "e",
    "eh": "e",
    "ei": "ei",
    "en": "en",
    "eng": "eng",
    "erh": "er",
    "i": "i",
    "ia": "ia",
    "iang": "iang",
    "iao": "iao",
    "ieh": "ie",
    "ien": "ian",
    "ih": "I",
    "in": "in",
    "ing": "ing",
    "iu": "iu",
    "iung": "iong",
    "o": "o",
    "ou": "ou",
    "u": "u",
    "ua": "ua",
    "uai": "uai",
    "uan": "uan",
    "uang": "uang",
    "uei": "ui",
    "ui": "ui",
    "un": "un",
    "ung": "ong",
    "uo": "uo",
    "v": "v",
    "van": "van",
    "veh": "ve",
    "vn": "vn",
    "ueh": "ve",
}
"""Wade–Giles finals -> pinyin finals (ü written v)."""
_WG_Y = {
    "yu": "you",
    "yv": "yu",
    "yung": "yong",
    "yen": "yan",
    "yeh": "ye",
    "yvan": "yuan",
    "yveh": "yue",
    "yuan": "yuan",
    "yueh": "yue",
    "yvn": "yun",
    "yun": "yun",
    "i": "yi",
}
"""Syllables Wade–Giles spells with y- (or none) that pinyin spells otherwise."""


def _fold(name: str, *, korean: bool) -> str:
    """Lower case ASCII; McCune–Reischauer ŏ/ŭ as Revised eo/eu, ü as v; apostrophes (aspiration) dropped."""
    if korean:
        name = name.replace("ŏ", "eo").replace("Ŏ", "Eo").replace("ŭ", "eu").replace("Ŭ", "Eu")
    name = name.replace("ü", "v").replace("Ü", "V")
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"['’`ʼ‘]", "", ascii_name)


def _tokens(name: str, *, korean: bool) -> list[str]:
    return [t for t in re.split(r"\s+", _fold(name, korean=korean).strip()) if t]


def _korean_key(tokens: list[str]) -> str:
    surname = _SURNAME_FAMILY.get(tokens[0], tokens[0])
    given = "".join(tokens[1:]).replace("-", "")
    return "ko:" + _korean_skeleton(surname) + " " + _korean_skeleton(given)


def _korean_skeleton(s: str) -> str:
    s = s.replace("eo", "o").replace("eu", "u").replace("tch", "ch").replace("jj", "ch").replace("j", "ch")
    s = s.replace("sh", "s").translate(str.maketrans("gdbr", "ktpl"))
    return re.sub(r"([a-z])\1", r"\1", s)


def _pinyin_syllable(syllable: str) -> str | None:
    for initial in _PINYIN_INITIALS:
        if syllable.startswith(initial) and (final := syllable[len(initial) :]) in _PINYIN_FINALS:
            if final == "i" and initial in _APICAL:
                final = "I"
            elif final.startswith("u") and initial in {"j", "q", "x", "y"}:
                final = "v" + final[1:]
            return _PINYIN_CLASS.get(initial, initial) + final
    return None


@cache
def _pinyin_word(word: str) -> str | None:
    """The skeleton of a word read as pinyin syllables (fewest syllables first), or None."""
    if not word:
        return ""
    for n in range(min(6, len(word)), 0, -1):
        head = _pinyin_syllable(word[:n])
        if head is not None and (rest := _pinyin_word(word[n:])) is not None:
            return head + rest
    return None


def _wade_giles_syllable(syllable: str) -> str | None:
    if syllable in _WG_Y:
        return _pinyin_syllable(_WG_Y[syllable])
    for initial in _WG_INITIALS:
        if not syllable.startswith(initial) or (rest := syllable[len(initial) :]) not in _WG_FINALS:
            continue
        final = _WG_FINALS[rest]
        if initial in {"ts", "tz", "ss", "sz"} and rest == "u" or initial in {"ss", "sz"} and rest == "e":
            final = "I"  # tzu, ssu, sze: pinyin zi, si
        elif rest == "o":
            final = "o" if initial in {"p", "m", "f"} else "e" if initial in {"k", "h", ""} else "uo"
        elif final.startswith("v") and initial in {"ch", "hs"}:
            final = "v" + final[1:]
        return _WG_CLASS.get(initial, initial) + final
    return None


def _chinese_keys(name: str) -> set[str]:
    """The name read as pinyin (given names run together) and as Wade–Giles (syllables hyphenated)."""
    tokens = _tokens(name, korean=False)
    out = set()
    pinyin = [p for t in tokens if (p := _pinyin_word(t.replace("-", ""))) is not None]
    if len(pinyin) == len(tokens):
        out.add(f"zh:{pinyin[0]} {''.join(pinyin[1:])}")
    words = [[w for s in t.split("-") if s and (w := _wade_giles_syllable(s)) is not None] for t in tokens]
    if all(len(w) == len([s for s in t.split("-") if s]) for w, t in zip(words, tokens, strict=False)):
        out.add(f"zh:{''.join(words[0])} {''.join(s for w in words[1:] for s in w)}")
    return out


@cache
def keys(name: str) -> frozenset[str]:
    """The comparison keys of a personal name of two words or more (surname first); none for a single word,
    which is too little to tell one person from another."""
    tokens = _tokens(name, korean=True)
    if len(tokens) < 2 or not all(re.fullmatch(r"[a-z]+(?:-[a-z]+)*", t) for t in tokens):
        return frozenset()
    return frozenset({_korean_key(tokens), *_chinese_keys(name)})


def same_name(a: str, b: str) -> bool:
    """True when `a` and `b` are spellings of one name in the romanisations this module knows."""
    return bool(keys(a) & keys(b))
