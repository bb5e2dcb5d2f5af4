"""Start-up: `teikit convert` of one transcript with a Place: field, with an empty and with a warm cache of
the indexes derived from data packages (teikit.datastore), beside a bare `python -c 'import teikit'`.

Each is a fresh process, run once, in one run: wall seconds, CPU seconds (user + system of the child) and
the ratios. The cache folder is a new temporary one ($TEIKIT_CACHE_DIR), so the user's is not touched.

    python benchmarks/cold_start.py
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TRANSCRIPT = """Record of a Conversation with the Mayor of Tikhvin

Date: 14 March 1958
Place: Tikhvin

Participants: Pavel Orlov, Mayor; Jan Novak, Consul

Pavel Orlov: The town of Boksitogorsk sends its greetings to Prague.

Jan Novak: We thank the comrades of Tikhvin and hope to visit Leningrad in the spring.
"""


def run(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "one.txt"
        source.write_text(TRANSCRIPT, encoding="utf-8")
        env = {**os.environ, "TEIKIT_CACHE_DIR": str(folder / "cache")}
        convert = [
            sys.executable,
            "-m",
            "teikit",
            "convert",
            str(source),
            "-o",
            str(folder / "out"),
            "--force",
        ]
        rows = {
            "import teikit": run([sys.executable, "-c", "import teikit"], env),
            "convert, empty cache": run(convert, env),
            "convert, warm cache": run(convert, env),
        }
        size = sum(p.stat().st_size for p in (folder / "cache").iterdir())
    print(f"{'':24}{'wall s':>9}{'CPU s':>9}")
    for name, (wall, cpu) in rows.items():
        print(f"{name:24}{wall:9.2f}{cpu:9.2f}")
    (cold, cold_cpu), (warm, warm_cpu) = rows["convert, empty cache"], rows["convert, warm cache"]
    imported, imported_cpu = rows["import teikit"]
    print(f"cold / warm: {cold / warm:.1f}x wall, {cold_cpu / warm_cpu:.1f}x CPU")
    print(f"warm / import teikit: {warm / imported:.1f}x wall, {warm_cpu / imported_cpu:.1f}x CPU")
    print(f"cache on disk: {size / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
