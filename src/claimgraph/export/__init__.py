"""Exports of the corpus: one module per format, found by name in :mod:`claimgraph.export.registry`."""

from claimgraph.export.registry import Exporter, ExportError, formats, get_exporter

__all__ = ["ExportError", "Exporter", "formats", "get_exporter"]
