"""The data files: strict CSV reading, schemas, checks, the raw corpus, the validated fact base
(:func:`lib.data.factbase.load_factbase`, every file at once) and the sidecars that say what
each file holds (:mod:`lib.data.meta`). Depends on ``lib.text``."""
