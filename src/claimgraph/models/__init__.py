"""Weights of claimgraph's trained components, loaded offline with importlib.resources."""
