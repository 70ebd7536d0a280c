"""The build: run plan, cached parallel execution, the book."""
