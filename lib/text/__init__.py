"""Chinese text: numerals, quantities as newspapers write them, layout normalisation of
newspaper text, and term counting. Depends on nothing else in ``lib``."""
