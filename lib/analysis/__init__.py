"""Computations on the fact base: places, selection of figures, reconciliation of repeated
figures, targets, clusters and chains. Returns tidy frames; knows nothing of pages."""
