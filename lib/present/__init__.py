"""What the reader sees: values in words, Markdown tables, citations, the chart theme and
offline renderer, maps."""
