"""Noticing a complaint raised again about the same matter (DOMAIN.md §3: a sign of a major
complaint, so the counter suggests the upgrade)."""

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

# Two texts sharing at least this share of their character pairs tell of the same matter; tuned
# so that "楼上漏水" and "楼上又漏水了" match and two different leaks in one building do not.
SAME_TEXT = 0.35


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"[\W_]+", "", text)


def _pairs(text: str) -> set[str]:
    folded = _fold(text)
    if len(folded) < 2:
        return {folded} if folded else set()
    return {folded[i : i + 2] for i in range(len(folded) - 1)}


def text_likeness(a: str, b: str) -> float:
    """Share of character pairs two texts have in common (Jaccard), 0 to 1."""
    pa, pb = _pairs(a), _pairs(b)
    if not pa or not pb:
        return 0.0
    return len(pa & pb) / len(pa | pb)


def is_same_matter(new: Mapping[str, Any], old: Mapping[str, Any]) -> bool:
    """Whether two complaints (field values) are about the same matter.

    The same party complained about at the same place is the same matter; otherwise the
    descriptions must be alike.
    """
    party = _fold(str(new.get("complained_party", "")))
    place = _fold(str(new.get("place", "")))
    if (
        party
        and place
        and party == _fold(str(old.get("complained_party", "")))
        and (place == _fold(str(old.get("place", ""))))
    ):
        return True
    return text_likeness(str(new.get("content", "")), str(old.get("content", ""))) >= SAME_TEXT
