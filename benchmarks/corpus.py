"""A generated corpus for the benchmarks: the bundled encodings, varied, with their registers beside them."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORDS = ["trade", "coal", "delegation", "agreement", "comrades", "plan", "steel", "visit"]


def make_corpus(folder: Path, size: int, seed: int = 7) -> list[Path]:
    """`size` valid encodings in `folder`: the bundled ones with their ids, numbers and words varied,
    and `folder/registers/` copied from encoded/registers/ so their register pointers resolve."""
    rng = random.Random(seed)
    bases = [p.read_text(encoding="utf-8") for p in sorted((REPO / "encoded").glob("*.xml"))]
    shutil.copytree(REPO / "encoded" / "registers", folder / "registers", dirs_exist_ok=True)
    paths = []
    for i in range(size):
        text = bases[i % len(bases)]
        text = re.sub(r'(<TEI [^>]*xml:id=")([^"]+)"', lambda m: f'{m[1]}{m[2]}-{i}"', text, count=1)
        # Numbers vary in the text only: attribute values (ids, ISO dates, quantities) stay consistent.
        text = re.sub(
            r">[^<]*<",
            lambda m: re.sub(r"\b(\d{3,})\b", lambda n: str(int(n[1]) + rng.randint(0, 9)), m[0]),
            text,
        )
        text = re.sub(r"\bquality\b", lambda m: rng.choice(WORDS), text)
        path = folder / f"doc{i:05}.xml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
