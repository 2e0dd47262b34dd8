"""Fit the weights of the link model (generator/evidence.py) on labelled corpora.

Usage: python bench/fit_matcher.py [--train NAME ...] [--write]. Every
candidate pair the matcher considers in the training corpora is an example, linked or not by
the hand labels; a logistic regression over the pair's evidence is fitted, its bias moved to
where the whole matcher (alignment and closure included) has the best F1 on the training
corpora, and the matcher is then scored on every labelled corpus with those weights.
``--write`` stores them in generator/evidence.py. The fit is deterministic (lbfgs from
zero), so the same labels give the same numbers. Needs scikit-learn: ``pip install '.[fit]'``.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LogisticRegression

from bench.quality import (
    ROOT,
    Labels,
    build_corpus,
    build_project,
    evaluate,
    load_labels,
    resolve_side,
)
from generator import evidence
from generator.config import ProjectPaths, load_settings
from generator.matching import candidate_evidence, match_statements
from generator.model import Alias, Briefing, MatchSettings

EVIDENCE_FILE = ROOT / "generator" / "evidence.py"
# name: (folder of documents, or None for the example project; label file)
CORPORA = {
    "kazakhstan-2022": (None, ROOT / "bench" / "data" / "kazakhstan-2022.yml"),
    "other-event": (ROOT / "tests" / "data" / "other-event", ROOT / "bench/data/other-event.yml"),
    "rephrased": (ROOT / "tests" / "data" / "rephrased", ROOT / "bench" / "data" / "rephrased.yml"),
}
# Regularisation of the model (few features, all on a 0-1 scale). Fitted on kazakhstan-2022,
# F1 on the held-out other-event / rephrased: C = 1 0.83 / 0.85, C = 10 0.83 / 0.88,
# C = 1000 0.83 / 0.81 (overfits).
C = 10.0


@dataclass(frozen=True)
class Corpus:
    """A labelled corpus as the fit needs it."""

    briefing: Briefing
    labels: Labels
    settings: MatchSettings
    aliases: tuple[Alias, ...]


def load_corpus(name: str) -> Corpus:
    """Return the briefing of a labelled corpus with its labels and matcher settings."""
    folder, label_file = CORPORA[name]
    labels = load_labels(label_file)
    if folder is None:
        settings = load_settings(ProjectPaths.under(ROOT))
        return Corpus(build_project(ROOT), labels, settings.matching, settings.aliases)
    # `briefing new` writes the default settings and no aliases.
    return Corpus(build_corpus(folder), labels, MatchSettings(), ())


def gold_pairs(corpus: Corpus) -> set[frozenset[str]]:
    """Return the labelled links of a corpus as pairs of statement ids."""
    statements = corpus.briefing.statements
    return {
        frozenset(resolve_side(side, statements, corpus.labels.path) for side in (p.a, p.b))
        for p in corpus.labels.links
    }


def examples(corpus: Corpus) -> tuple[np.ndarray, np.ndarray]:
    """Return the evidence of every candidate pair and whether each is labelled."""
    gold = gold_pairs(corpus)
    statements = list(corpus.briefing.statements)
    rows = candidate_evidence(statements, corpus.settings, corpus.aliases)
    x = np.array([features for _, _, features in rows])
    y = np.array([frozenset((a, b)) in gold for a, b, _ in rows])
    return x, y


def fit(x: np.ndarray, y: np.ndarray, c: float) -> tuple[tuple[float, ...], float]:
    """Return the weights and the bias of a logistic regression of ``y`` on ``x``."""
    model = LogisticRegression(C=c, max_iter=5000).fit(x, y)
    # Rounded as write_weights stores them, so the scores printed are those of the stored model.
    return tuple(round(float(w), 3) for w in model.coef_[0]), float(model.intercept_[0])


def choose_bias(corpora: list[Corpus], intercept: float) -> float:
    """Return the bias near ``intercept`` at which the whole matcher (alignment and closure
    included) has the best F1 on the training corpora."""
    golds = [gold_pairs(corpus) for corpus in corpora]
    best = (-1.0, intercept)
    for offset in np.arange(-3.0, 3.01, 0.1):
        bias = round(intercept + float(offset), 3)
        evidence.BIAS = bias
        correct = predicted = labelled = 0
        for corpus, gold in zip(corpora, golds, strict=True):
            links = match_statements(
                list(corpus.briefing.statements), corpus.settings, corpus.aliases
            )
            found = {frozenset((link.source, link.target)) for link in links}
            correct += len(found & gold)
            predicted += len(found)
            labelled += len(gold)
        if correct:
            precision, recall = correct / predicted, correct / labelled
            best = max(best, (2 * precision * recall / (precision + recall), bias))
    return best[1]


def write_weights(weights: tuple[float, ...], bias: float, trained: str) -> None:
    """Store the weights in generator/evidence.py, naming the corpora they were fitted on."""
    text = EVIDENCE_FILE.read_text(encoding="utf-8")
    # One number a line, as ruff formats a long tuple.
    shown = "".join(f"    {w:.3f},\n" for w in weights)
    text = re.sub(
        r"# Fitted by [^\n]*\nWEIGHTS = (?:\([^)]*\)|\w+)",
        f"# Fitted by bench/fit_matcher.py on {trained}.\nWEIGHTS = (\n{shown})",
        text,
    )
    text = re.sub(r"\nBIAS = \S+", f"\nBIAS = {bias:.3f}", text)
    EVIDENCE_FILE.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Fit on one corpus, print the weights and the matcher's scores on every corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", choices=sorted(CORPORA), nargs="+", default=["kazakhstan-2022"])
    parser.add_argument("--write", action="store_true", help="store the weights in evidence.py")
    args = parser.parse_args(argv)
    training = [load_corpus(name) for name in args.train]
    parts = [examples(corpus) for corpus in training]
    x = np.vstack([part[0] for part in parts])
    y = np.concatenate([part[1] for part in parts])
    weights, intercept = fit(x, y, C)
    evidence.WEIGHTS = weights
    bias = choose_bias(training, intercept)
    trained = " + ".join(args.train)
    print(f"trained on {trained}: {len(y)} candidate pairs, {int(y.sum())} of them labelled")
    for name, weight in zip(evidence.FEATURES, weights, strict=True):
        print(f"  {name:<12}{weight:>8.3f}")
    print(f"  {'bias':<12}{bias:>8.3f}")
    evidence.BIAS = bias
    for name in CORPORA:
        corpus = load_corpus(name)
        scores = evaluate(corpus.briefing, corpus.labels)["links"]["all"]
        print(
            f"{name:<18} P {scores['precision']:.3f}  R {scores['recall']:.3f}  "
            f"F1 {scores['f1']:.3f}"
        )
    if args.write:
        write_weights(weights, bias, trained)
    return 0


if __name__ == "__main__":
    sys.exit(main())
