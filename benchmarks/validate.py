"""Validation throughput: teikit (RelaxNG + Schematron, and RelaxNG only) against jing and a bare lxml loop.

Generates corpora of N encodings varied from the bundled ones, then times, in one run on the same files:
- teikit: `pipeline.validate_files` (all cores; also one process), RelaxNG + Schematron, messages built;
- teikit on all cores with `--cache` (`cache=DIR`): the first run validates and fills the cache, the second
  (warm) finds every file unchanged; every other line is a cold run without a cache;
- teikit RelaxNG only (`schematron=False`), one process;
- a bare lxml loop: parse + RelaxNG.validate, no messages, on one process and on all cores (the floor
  any lxml-based validator stands on);
- jing (Debian's `jing`, one JVM for all files) with the same RelaxNG grammar.

The closing lines give the per-process figures side by side: teikit's full validation on one process
against jing's RelaxNG alone on one JVM, in docs/s, and their ratio (issue 14 asks for at least 1.0).
`--per-process` times only those two, alternately, `--rounds` times on the same files (the other lines
are skipped), so that the ratio is taken several times in one run on a shared machine.

    python benchmarks/validate.py [--sizes 1000 10000] [--per-process [--rounds 3]]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from pathlib import Path

from corpus import make_corpus
from lxml import etree

from teikit import pipeline
from teikit.resources import schema_path


def timed(func: Callable[[], object]) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


@cache
def _relaxng() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(schema_path("teikit.rng"))))


def bare_lxml(paths: list[Path]) -> None:
    rng = _relaxng()
    for p in paths:
        rng.validate(etree.parse(str(p)))


def bare_lxml_all_cores(paths: list[Path]) -> None:
    """The bare loop over chunks of 50 files, one process per core (as `pipeline.validate_files` splits)."""
    chunks = [paths[i : i + 50] for i in range(0, len(paths), 50)]
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        list(pool.map(bare_lxml, chunks))


def jing(paths: list[Path]) -> None:
    subprocess.run(
        ["jing", str(schema_path("teikit.rng")), *map(str, paths)], capture_output=True, check=False
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument(
        "--per-process",
        action="store_true",
        help="time only teikit rng+sch on 1 process against jing on 1 JVM, alternately",
    )
    parser.add_argument("--rounds", type=int, default=3, help="with --per-process: how many times each")
    args = parser.parse_args()
    have_jing = shutil.which("jing") is not None
    if args.per_process:
        if not have_jing:
            parser.error("--per-process compares with jing, which is not installed")
        for size in args.sizes:
            per_process(size, args.rounds)
        return
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            paths = make_corpus(Path(tmp), size)
            assert not any(pipeline.validate_files(paths[:20], jobs=1).values()), (
                "generated corpus must be valid"
            )
            cache = Path(tmp) / "cache"
            runs = {
                "teikit rng+sch, all cores": timed(lambda: pipeline.validate_files(paths)),
                "teikit all cores, --cache cold": timed(lambda: pipeline.validate_files(paths, cache=cache)),
                "teikit all cores, --cache warm": timed(lambda: pipeline.validate_files(paths, cache=cache)),
                "teikit rng+sch, 1 process": timed(lambda: pipeline.validate_files(paths, jobs=1)),
                "teikit rng only, 1 process": timed(
                    lambda: pipeline.validate_files(paths, schematron=False, jobs=1)
                ),
                "bare lxml parse+rng, 1 process": timed(lambda: bare_lxml(paths)),
                "bare lxml parse+rng, all cores": timed(lambda: bare_lxml_all_cores(paths)),
            }
            if have_jing:
                runs["jing rng (1 JVM)"] = timed(lambda: jing(paths))
            print(f"\n{size} documents ({os.cpu_count()} cores)")
            for name, seconds in runs.items():
                print(f"  {name:32} {size / seconds:9.0f} docs/s  ({seconds:.2f} s)")
            if have_jing:
                print(
                    f"  teikit rng+sch (all cores) / jing: "
                    f"{runs['jing rng (1 JVM)'] / runs['teikit rng+sch, all cores']:.2f}x the throughput"
                )
                print(
                    f"  bare lxml parse+rng (all cores) / jing: "
                    f"{runs['jing rng (1 JVM)'] / runs['bare lxml parse+rng, all cores']:.2f}x the throughput"
                )
            if have_jing:
                print_per_process(runs["teikit rng+sch, 1 process"], runs["jing rng (1 JVM)"], size)
            print(
                f"  teikit rng-only / bare lxml loop: "
                f"{runs['teikit rng only, 1 process'] / runs['bare lxml parse+rng, 1 process']:.2f}x the time"
            )
            print(
                f"  teikit --cache warm / no cache (all cores): "
                f"{runs['teikit rng+sch, all cores'] / runs['teikit all cores, --cache warm']:.2f}x the throughput; "
                f"--cache cold / no cache: "
                f"{runs['teikit all cores, --cache cold'] / runs['teikit rng+sch, all cores']:.2f}x the time"
            )


def per_process(size: int, rounds: int) -> None:
    """teikit's full validation on one process and jing on one JVM, alternately, `rounds` times each."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_corpus(Path(tmp), size)
        pipeline.validate_files(paths[:20], jobs=1)  # schemas loaded before the clock starts
        print(f"\n{size} documents, per process ({rounds} rounds)")
        ratios = []
        for _ in range(rounds):
            teikit = timed(lambda: pipeline.validate_files(paths, jobs=1))
            java = timed(lambda: jing(paths))
            ratios.append(print_per_process(teikit, java, size))
        print(
            f"  ratios: {', '.join(f'{r:.2f}' for r in ratios)}; median {sorted(ratios)[len(ratios) // 2]:.2f}"
        )


def print_per_process(teikit: float, java: float, size: int) -> float:
    """Print teikit's full validation (1 process) against jing (1 JVM); return the throughput ratio."""
    ratio = java / teikit
    print(
        f"  per process: teikit rng+sch {size / teikit:.0f} docs/s, jing rng {size / java:.0f} docs/s; "
        f"teikit / jing: {ratio:.2f}x the throughput"
    )
    return ratio


if __name__ == "__main__":
    main()
