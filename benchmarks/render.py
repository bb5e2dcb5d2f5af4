"""Rendering throughput: the pages and texts of a generated corpus, with each stylesheet compiled once.

Generates N encodings (benchmarks/corpus.py) and times, in one run and one process:
- compiling each stylesheet (once; the time every later page saves);
- document pages (`Renderer.html`, linked to the register pages), reading and diplomatic texts;
- the digests (one per document: what the index and register pages read), the index in its four
  pre-sorted views, and the register pages (one per entry, and an index each);
- side by side: a sample of document pages rendered with the compiled stylesheet and with a fresh
  compile per page, to show what compiling once saves; and each document's page, texts and digest
  as `teikit build` renders them, on one process and on every core.

    python benchmarks/render.py [--size 1000] [--sample 20]
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from corpus import make_corpus

from teikit import pipeline, render
from teikit.pipeline import INDEX_SORTS

T = TypeVar("T")
LINKED = {"register-links": "true"}


def timed(func: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = func()
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000, help="documents in the generated corpus")
    parser.add_argument("--sample", type=int, default=20, help="pages for the compile-once comparison")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, render.Renderer() as renderer:
        paths = make_corpus(Path(tmp), args.size)
        compiled = {
            name: timed(lambda name=name: renderer.compile(name))[1]
            for name in (render.HTML, render.TEXT, render.DIPLOMATIC, render.INDEX, render.REGISTER)
        }
        _, html = timed(lambda: [renderer.html(p, LINKED) for p in paths])
        _, text = timed(lambda: [renderer.text(p) for p in paths] + [renderer.diplomatic(p) for p in paths])
        _, digests = timed(lambda: [renderer.digest(p) for p in paths])
        _, index = timed(lambda: [renderer.index(paths, {**LINKED, "index-sort": s}) for s in INDEX_SORTS])
        registers, register_time = timed(
            lambda: [
                renderer.registers(Path(tmp) / "registers" / name, paths, LINKED)
                for name in ("persons.xml", "places.xml", "orgs.xml")
            ]
        )
        register_pages = sum(len(pages) for pages in registers)

        sample = paths[: args.sample]
        _, once = timed(lambda: [renderer.html(p, LINKED) for p in sample])
        # A new Renderer per page: a processor made and the stylesheet compiled for each one.
        _, fresh = timed(lambda: [render.render_html(p, LINKED) for p in sample])
        with render.Renderer() as alone:
            _, build_one = timed(lambda: list(pipeline._rendered(paths, LINKED, 1, alone)))
            _, build_all = timed(lambda: list(pipeline._rendered(paths, LINKED, 0, alone)))

    pages = len(paths) + len(INDEX_SORTS) + register_pages
    seconds = html + digests + index + register_time
    print(f"{args.size} documents")
    print("  compile (once per process): " + ", ".join(f"{n} {s * 1000:.0f} ms" for n, s in compiled.items()))
    print(f"  document pages     {len(paths):6} in {html:7.2f} s  {len(paths) / html:7.1f} pages/s")
    print(f"  texts (2 per doc)  {2 * len(paths):6} in {text:7.2f} s  {2 * len(paths) / text:7.1f} texts/s")
    print(f"  digests            {len(paths):6} in {digests:7.2f} s  {len(paths) / digests:7.1f} docs/s")
    print(
        f"  index views        {len(INDEX_SORTS):6} in {index:7.2f} s  {len(INDEX_SORTS) / index:7.1f} pages/s"
    )
    print(
        f"  register pages     {register_pages:6} in {register_time:7.2f} s  {register_pages / register_time:7.1f} pages/s"
    )
    print(f"  all HTML pages     {pages:6} in {seconds:7.2f} s  {pages / seconds:7.1f} pages/s")
    print(f"  peak memory of the process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    print(
        f"  {len(sample)} document pages: compiled once {once:.2f} s, compiled per page {fresh:.2f} s "
        f"({fresh / once:.1f}x the time)"
    )
    print(
        f"  as teikit build renders them (page, 2 texts, digest per document): 1 process {build_one:.2f} s, "
        f"{os.cpu_count()} processes {build_all:.2f} s ({build_one / build_all:.2f}x the throughput)"
    )


if __name__ == "__main__":
    main()
