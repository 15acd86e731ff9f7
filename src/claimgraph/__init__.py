"""claimgraph: who says what, on what evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Analysis", "Settings", "__version__", "analyze"]

if TYPE_CHECKING:
    from claimgraph.api import analyze
    from claimgraph.config import Settings
    from claimgraph.records import Analysis


def __getattr__(name: str) -> Any:
    # Lazy: `import claimgraph` must not pull in spaCy (worker start-up, CLI --help).
    if name == "analyze":
        from claimgraph.api import analyze

        return analyze
    if name == "Settings":
        from claimgraph.config import Settings

        return Settings
    if name == "Analysis":
        from claimgraph.records import Analysis

        return Analysis
    raise AttributeError(name)
