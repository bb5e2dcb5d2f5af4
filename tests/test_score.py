"""The blind set keeps its figures: no category of `scripts/score.py` drops more than 0.02 below the
recall and precision committed in tests/blind/scores.json, and the set is there, whole."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BLIND = ROOT / "tests" / "blind"
SCORES = BLIND / "scores.json"
MINIMUM_DOCUMENTS = 40
TOLERANCE = 0.02

sys.path.insert(0, str(ROOT / "scripts"))
import score  # noqa: E402


@pytest.fixture(scope="module")
def blind() -> tuple[dict[str, score.Tally], int]:
    assert BLIND.is_dir(), f"the blind set {BLIND} is missing"
    return score.score_blind(BLIND)


def test_blind_set_is_whole(blind: tuple[dict[str, score.Tally], int]) -> None:
    _, documents = blind
    assert documents >= MINIMUM_DOCUMENTS, f"{documents} blind documents with gold; at least 40 are needed"
    assert documents >= json.loads(SCORES.read_text(encoding="utf-8"))["documents"]


@pytest.mark.parametrize("category", score.CATEGORIES)
@pytest.mark.parametrize("measure", ["recall", "precision"])
def test_blind_scores_hold(blind: tuple[dict[str, score.Tally], int], category: str, measure: str) -> None:
    floor = json.loads(SCORES.read_text(encoding="utf-8"))[category][measure]
    now = getattr(blind[0][category], measure)
    assert now >= floor - TOLERANCE, f"{category} {measure} fell to {now:.3f} (committed {floor:.3f})"


def test_matching_is_one_to_one() -> None:
    """A predicted mention serves one gold mention; the head of a name matches its titled form."""
    gold = ["Ambassador Okafor", "Okafor", "Cairo"]
    assert score.match(gold, ["Okafor"], score._same, score._share_head) == 1
    assert score.match(gold, ["Okafor", "Okafor", "Cairo"], score._same, score._share_head) == 3
    assert (
        score.match(
            ["the Ministry of Foreign Affairs"], ["Ministry of Trade"], score._same, score._share_head
        )
        == 0
    )


def test_dates_need_their_value() -> None:
    gold = [{"text": "9 May 1961", "when": "1961-05-09"}]
    assert score.score_dates(gold, [("9 May 1961", {"when": "1961-05-09"})]) == 1
    assert score.score_dates(gold, [("on 9 May 1961", {"when": "1961-05-09"})]) == 1
    assert score.score_dates(gold, [("9 May 1961", {"when": "1961-05"})]) == 0
