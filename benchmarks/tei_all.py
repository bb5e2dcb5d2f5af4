"""`teikit validate --tei-all` against jing on the GerDraCor sample (../shared/corpora/gerdracor-sample/):
wall time of each, side by side in one run, their ratio, and whether their verdicts agree file by file.

teikit runs as a user runs it (`python -m teikit validate --tei-all`, a fresh process, all cores, no
cache); jing (Debian's) gets the same tei_all.rng and every file in one JVM.

    python benchmarks/tei_all.py [FOLDER]
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

from teikit.resources import tei_all_path

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO.parent / "shared" / "corpora" / "gerdracor-sample" / "tei"


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else SAMPLE
    paths = sorted(folder.glob("*.xml"))
    cpu, start = _cpu(), time.perf_counter()
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "teikit",
            "validate",
            "--tei-all",
            "--no-cache",
            "--format",
            "json",
            str(folder),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    ours, ours_cpu = time.perf_counter() - start, _cpu() - cpu
    report = json.loads(run.stdout)
    teikit_invalid = {Path(i["path"]).name for i in report["issues"] if i["severity"] == "error"}
    cpu, start = _cpu(), time.perf_counter()
    jing = subprocess.run(
        ["jing", str(tei_all_path()), *map(str, paths)], capture_output=True, text=True, check=False
    )
    theirs, theirs_cpu = time.perf_counter() - start, _cpu() - cpu
    jing_invalid = {Path(line.split(":", 1)[0]).name for line in jing.stdout.splitlines() if ":" in line}
    print(f"{len(paths)} files, {sum(p.stat().st_size for p in paths) / 1e6:.0f} MB")
    print(f"teikit --tei-all: {ours:6.2f} s wall {ours_cpu:6.2f} s CPU  ({len(teikit_invalid)} invalid)")
    print(f"jing:             {theirs:6.2f} s wall {theirs_cpu:6.2f} s CPU  ({len(jing_invalid)} invalid)")
    print(f"teikit / jing:    {ours / theirs:6.2f}x wall {ours_cpu / theirs_cpu:6.2f}x CPU")
    print(
        "verdicts:",
        "identical" if teikit_invalid == jing_invalid else f"differ: {teikit_invalid ^ jing_invalid}",
    )


if __name__ == "__main__":
    main()
