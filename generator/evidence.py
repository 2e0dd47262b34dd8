"""How much each kind of evidence counts towards linking two statements: a fitted combination.

The weights are a logistic regression fitted by ``bench/fit_matcher.py`` on the hand labels of
one corpus and checked on the others; refit them there when a feature changes.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence

#: The evidence about a candidate pair, in the order of the weights.
FEATURES = (
    "score",  # similarity of the two statements, less matching.threshold
    "cover_min",  # share of the less covered statement's words found in the other
    "cover_max",  # the same for the more covered one, less matching.partial_containment
    "clause",  # share of the best-covered clause (part between commas, "and", ...)
    "mutual",  # 1 when each is the other's best candidate in its source
    "margin",  # lead of this pair over the runner-up, on the side where it leads most
    "margin_min",  # the same, on the other side
    "label",  # 1 when either is a headline, heading or caption
    "context",  # similarity of the statements just before or just after both
    "shared",  # how many words that are not names both have (a sixth each, up to 6)
    "amount",  # 1 when both state the same amount or year
    "counted",  # 1 when amounts in both count the same thing ("hectares"), whatever the amounts
)
# Run bench/fit_matcher.py again when a feature changes.
# Fitted by bench/fit_matcher.py on kazakhstan-2022.
WEIGHTS = (
    -0.225,
    2.750,
    2.660,
    -0.944,
    -0.219,
    2.305,
    0.762,
    -0.813,
    4.605,
    5.004,
    3.711,
    0.011,
)
BIAS = -3.351
#: The features that cost most to compute, each between 0 and 1: computed only when needed.
LAZY = (FEATURES.index("clause"), FEATURES.index("context"))


def link_odds(values: Sequence[float]) -> float:
    """Return the log-odds that a pair with these features is linked (linked from 0 up)."""
    return BIAS + float(sum(map(operator.mul, WEIGHTS, values)))


def is_undecided(odds: float, unknown: Sequence[int]) -> bool:
    """Return whether the features at ``unknown`` (0 to 1, counted as 0 in ``odds``) can
    still change the decision."""
    low = high = odds
    for k in unknown:
        if WEIGHTS[k] < 0:
            low += WEIGHTS[k]
        else:
            high += WEIGHTS[k]
    return (low >= 0) != (high >= 0)
