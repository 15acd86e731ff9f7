"""Errors a user can act on: each names the file and says what is wrong."""

from __future__ import annotations


class ClaimgraphError(Exception):
    """Base of the errors the CLI reports as one line, exit status 2."""


class InputError(ClaimgraphError):
    """An input file cannot be analysed: missing, empty, binary, corrupt, too large, ..."""

    def __init__(self, path: str | None, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path or '<text>'}: {reason}")

    def __reduce__(self) -> tuple[type, tuple[str | None, str]]:  # pickled across worker processes
        return type(self), (self.path, self.reason)


class SetupError(ClaimgraphError):
    """Not any one file's fault: every file would fail the same way, so it is reported once."""


class ModelError(SetupError):
    """The spaCy model is missing or cannot be loaded."""


class LexiconError(SetupError, ValueError):
    """A word list (the package's or one named by CLAIMGRAPH_LEXICONS) cannot be read or has a bad row."""

    def __init__(self, where: str, reason: str) -> None:
        self.where, self.reason = where, reason
        super().__init__(f"lexicon {where}: {reason}")

    def __reduce__(self) -> tuple[type, tuple[str, str]]:  # raised in a worker, reported by the parent
        return type(self), (self.where, self.reason)
