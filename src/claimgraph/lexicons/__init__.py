"""Data files users can extend: reporting verbs, inference markers, alias tables, flow triggers."""
