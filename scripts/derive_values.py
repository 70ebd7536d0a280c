"""Fill the parser-derived columns of data/facts.csv from each row's value_text.

`value`, `unit`, `value_base`, `base_unit` and, for a range or a vague magnitude, the upper
bounds `value_high` and `value_base_high` are the quantity parser's reading of `value_text`
(the number exactly as the quote writes it). Curators edit `value_text`; this script writes the
rest, and loading the data checks the two still agree.

Usage: python scripts/derive_values.py [data/facts.csv]
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from lib.data.schemas import COLUMNS
from lib.data.sheet import number_cell
from lib.text.quantities import parse_quantity


def main(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        q = parse_quantity(row["value_text"])
        row.update(
            value=number_cell(q.value),
            unit=q.unit,
            value_base=number_cell(q.value_base),
            base_unit=q.base_unit,
            value_high=number_cell(q.value_high),
            value_base_high=number_cell(q.value_base_high),
        )
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS["facts"], lineterminator="\n")
        writer.writeheader()
        writer.writerows({c: row.get(c, "") for c in COLUMNS["facts"]} for row in rows)
    print(f"{path}: {len(rows)} facts derived")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("data/facts.csv")))
