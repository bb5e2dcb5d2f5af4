"""CSV export conversion: rows per second and peak memory, for exports of growing size.

Generates an export of N rows in the shape of the archive's scraped CSV (a field block, speaker turns,
a place; a different made-up delegation, city and ministry in every row, so that the registers grow
with the export), then runs `python -m teikit convert export.csv -o out/` as a child process and
reports its wall time, rows/s and peak resident memory (the child's ru_maxrss). With several sizes it
also prints the ratio of each size's peak memory to the smallest's: rows stream, so memory should
barely grow with the number of rows (what grows is the registers, one entry per distinct person, place
and organisation). The CPU time is the child's own (user + system): on a machine shared with other work
it tells more than the wall time, which also counts waiting for the CPU and for the disk (every
encoding is synced to disk before it is renamed into place).

    python benchmarks/csv_export.py [--sizes 1000 10000]
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = ["record_id", "title", "original_publication_date", "language", "summary", "text_body"]
_SYLLABLES = ("ba", "ko", "ri", "ten", "mu", "sa", "lo", "vin", "de", "gu")


def _word(n: int, width: int = 4) -> str:
    """A made-up word, distinct for each n below 10**width."""
    return "".join(_SYLLABLES[int(d)] for d in f"{n:0{width}d}").capitalize()


def _body(n: int) -> str:
    host, guest, city = f"Ivan {_word(n)}ek", f"Tamas {_word(n)}ar", f"{_word(n)}grad"
    return (
        f"Time: {1 + n % 28} May 1960, 10:00 a.m.\n"
        f"Place: House of Soviets, {city}\n"
        f"Participants: Soviet side: {host} (Deputy Minister of {_word(n)} Industry)\n"
        f"Hungarian side: {guest} (Head of the {_word(n)} Trade Office)\n\n"
        f"Deputy Minister {host.split()[-1]} (hereafter, {host.split()[-1]}): We have read your proposal "
        f"on the supply of 40,000 tons of coal to {city} next year.\n\n"
        f"{guest.split()[-1]}: The Ministry of {_word(n)} Industry agrees, provided the deliveries begin "
        f"in the spring. [illegible] The rest can follow in the autumn.\n\n"
        f"{host.split()[-1]}: Then the protocol can be signed in {city} on the first of June.\n"
    )


def make_export(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for n in range(rows):
            writer.writerow(
                [
                    str(100000 + n),
                    f"Record of Conversation in {_word(n)}grad",
                    f"May {1 + n % 28}, 1960",
                    "Russian",
                    "Talks on coal deliveries.",
                    _body(n),
                ]
            )


def run(rows: int, folder: Path) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak resident kilobytes of one `teikit convert` of an export of
    `rows` rows."""
    export = folder / f"export-{rows}.csv"
    make_export(export, rows)
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "teikit", "convert", str(export), "-o", str(folder / f"out-{rows}")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    errors = child.stderr.read().decode() if child.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"teikit convert failed on {rows} rows:\n{errors[:2000]}")
    written = len(list((folder / f"out-{rows}").glob("*.xml")))
    if written != rows:
        raise SystemExit(f"{rows} rows gave {written} encodings")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss  # kilobytes on Linux


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args()
    peaks: dict[int, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for rows in sorted(args.sizes):
            seconds, cpu, peak = run(rows, Path(tmp))
            peaks[rows] = peak
            print(
                f"{rows:>7} rows: {seconds:7.1f} s, {rows / seconds:6.1f} rows/s "
                f"(CPU {cpu:6.1f} s, {rows / cpu:6.1f} rows per CPU second), peak memory {peak / 1024:6.1f} MB",
                flush=True,
            )
    smallest = min(peaks)
    for rows in sorted(peaks)[1:]:
        print(f"peak memory {rows} rows / {smallest} rows: {peaks[rows] / peaks[smallest]:.2f}")


if __name__ == "__main__":
    main()
