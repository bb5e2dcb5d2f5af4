"""Sorted character spans, asked whether a span meets one of them without looking at them all.

A paragraph can name thousands of things (a long text with no blank line); recognisers that compared
each new span with every span found took minutes on one. Only a span that starts at most the longest
span's length before a position can reach it, so a query looks at those alone.
"""

from __future__ import annotations

import bisect
import sys
from collections.abc import Iterable


class Spans:
    """(start, end) spans, end exclusive, kept sorted."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.spans = sorted(spans)
        self.longest = max((y - x for x, y in self.spans), default=0)

    def add(self, a: int, b: int) -> None:
        bisect.insort(self.spans, (a, b))
        self.longest = max(self.longest, b - a)

    def _near(self, a: int, b: int) -> list[tuple[int, int]]:
        """The spans that start from `a` minus the longest length up to `b`: all that can meet [a, b]."""
        lo = bisect.bisect_left(self.spans, (a - self.longest, -1))
        hi = bisect.bisect_right(self.spans, (b, sys.maxsize))
        return self.spans[lo:hi]

    def touches(self, a: int, b: int) -> bool:
        """Whether a span holds `a` (x <= a < y) or `b` (x < b <= y)."""
        return any(x <= a < y or x < b <= y for x, y in self._near(a, b))

    def overlaps(self, a: int, b: int) -> bool:
        """Whether a span shares a character with [a, b) (x < b and a < y)."""
        return any(x < b and a < y for x, y in self._near(a, b))

    def contains(self, a: int, b: int) -> bool:
        """Whether a span holds all of [a, b) (x <= a and b <= y)."""
        return any(x <= a and b <= y for x, y in self._near(a, b))
