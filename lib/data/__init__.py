"""The data files: strict CSV reading, schemas, checks, the raw corpus and the validated fact
base (:func:`lib.data.factbase.load_factbase`). Depends on ``lib.text``."""
