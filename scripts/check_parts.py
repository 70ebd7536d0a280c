"""Check a helper's part file of facts (temporary extraction aid; superseded by lib.validate)."""
import csv, re, sys, pathlib
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from lib.quantity import parse_quantity, QuantityParseError
from lib.layout import normalise, squash

COLS = "fact_id source_id region_code entity theme indicator value_text period period_basis kind qualifier state attribution quote note".split()
THEMES = set("cluster investment supply_chain upgrading digital innovation talent enterprises green finance policy macro firm design governance rural".split())
KINDS = set("actual growth target share rank change capacity other".split())
QUALS = set("exact more_than over about range less_than at_least".split())
CODES = set("360000 360700 360702 360703 360704 360722 360723 360724 360728 360730 360731 360733 360734 360800 360826 360828 360400 440300 441900 310000 150200 330100".split())
PERIOD = re.compile(r"^(\d{4}(Q[1-4]|-\d{2}(-\d{2})?)?|\d{4}/\d{4})?$")
path = pathlib.Path(sys.argv[1])
rows = list(csv.DictReader(open(path, encoding="utf-8", newline="")))
problems = []
with open(path, encoding="utf-8", newline="") as fh:
    header = next(csv.reader(fh))
if header != COLS:
    problems.append(f"header is {header}, expected {COLS}")
seen = set()
raws = {}
for n, r in enumerate(rows, start=2):
    def bad(msg): problems.append(f"row {n} ({r.get('fact_id')}): {msg}")
    fid = r.get("fact_id", "")
    if not re.fullmatch(r"\d{3}-[a-z0-9]+(-[a-z0-9]+)*", fid): bad("fact_id must be NNN-lowercase-ascii-with-hyphens")
    if fid in seen: bad("duplicate fact_id")
    seen.add(fid)
    sid = r["source_id"]
    f = path.parents[1] / "work/main/data/raw" if False else pathlib.Path("/work/main/data/raw") / f"{sid}.txt"
    if not f.exists(): bad(f"unknown source_id {sid}"); continue
    raw = raws.setdefault(sid, f.read_text(encoding="utf-8"))
    if not fid.startswith(sid[:3]): bad("fact_id must start with the source number")
    if r["region_code"] not in CODES: bad(f"region_code {r['region_code']} not in the spec's list")
    if r["theme"] not in THEMES: bad(f"theme {r['theme']!r} not allowed")
    if r["kind"] not in KINDS: bad(f"kind {r['kind']!r} not allowed")
    if r["qualifier"] not in QUALS: bad(f"qualifier {r['qualifier']!r} not allowed")
    if r["state"] not in ("", "before", "after"): bad("state must be empty, before or after")
    if r["attribution"] not in ("article", "government", "firm", "association"): bad("attribution not allowed")
    if r["period_basis"] not in ("stated", "inferred", "unknown"): bad("period_basis not allowed")
    if not PERIOD.match(r["period"]): bad(f"period {r['period']!r} not YYYY, YYYYQn, YYYY-MM or YYYY/YYYY")
    if (r["period"] == "") != (r["period_basis"] == "unknown"): bad("empty period iff period_basis unknown")
    if not re.fullmatch(r"[a-z][a-z0-9_]*", r["indicator"]): bad("indicator must be snake_case")
    q = r["quote"]
    if not q or q not in raw: bad("quote is not a verbatim substring of the raw file"); continue
    if len(q) > 300: bad("quote longer than 300 characters")
    if squash(r["value_text"]) not in squash(normalise(q).text) and squash(r["value_text"]) not in squash(q):
        bad(f"value_text {r['value_text']!r} not in quote")
    try:
        qty = parse_quantity(r["value_text"])
    except QuantityParseError as e:
        bad(str(e)); continue
    if qty.qualifier != "exact" and qty.qualifier != r["qualifier"]:
        bad(f"qualifier {r['qualifier']!r} but the value_text says {qty.qualifier!r}")
print(f"{path.name}: {len(rows)} rows, {len(problems)} problems")
for p in problems: print(" -", p)
sys.exit(1 if problems else 0)
