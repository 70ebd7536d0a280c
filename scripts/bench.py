"""Benchmark the build; prints numbers from one run (`make bench`).

On throw-away copies of the project it measures:
  1. clean build: `report book` from nothing (pages executed in parallel, strict HTML);
  2. no-change rebuild: `report book` again;
  3. the conventional way, right after: Jupyter Book executing every notebook itself
     (`execute_notebooks: force`), same pages, same strict flags; and the ratio;
  4. one-page parameter change: `report run region-gan -p horizon_year=2035` (and 2036,
     alternately, five times: the median), beside that page's own execution time (the HTML
     is updated incrementally);
  5. where one page's time goes: kernel start (a fork of the warm kernel server), the setup
     cell, the other cells, writing the page; what is no longer in a page (its imports, done
     once by the kernel server; validating the data; rendering charts for print), measured
     apart; and the phases summed over the book;
  6. scale: a generated plan of about 100 region pages (one template, many parameter sets),
     built from nothing: time per page and peak memory of the whole process tree.

The machine may be shared: every figure is one measurement, printed as measured.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

from report.plan import load_plan
from report.workspace import copy_project

ROOT = Path(__file__).resolve().parents[1]
REPORT = [sys.executable, "-m", "report.cli"]
#: The page of the one-page change and of the breakdown.
PAGE, CHANGE, ALTERNATE = "region-gan", "horizon_year=2035", "horizon_year=2036"
#: How many one-page changes are timed (the median is printed: one run is noisy).
CHANGES = 5


class Run:
    """One command, timed, with the peak memory of its whole process tree.

    Memory is summed over the processes two ways: resident set size (RSS, which counts a
    page shared by forked kernels once in each) and proportional set size (PSS, which
    splits a shared page between the processes sharing it: the memory really used).
    """

    def __init__(self, cmd: list[str], cwd: Path) -> None:
        import psutil

        env = {**os.environ, "REPORT_ROOT": str(cwd)}
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        self.peak = self.peak_pss = 0
        done = threading.Event()

        def watch() -> None:
            top = psutil.Process(proc.pid)
            while not done.is_set():
                try:
                    tree = [top, *top.children(recursive=True)]
                    rss = pss = 0
                    for p in tree:
                        with contextlib.suppress(psutil.Error):
                            info = p.memory_full_info()
                            rss += info.rss
                            pss += info.pss
                    self.peak = max(self.peak, rss)
                    self.peak_pss = max(self.peak_pss, pss)
                except psutil.Error:
                    pass
                done.wait(0.25)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        self.stdout, self.stderr = proc.communicate()
        self.seconds = time.perf_counter() - start
        done.set()
        watcher.join()
        if proc.returncode != 0:
            sys.exit(f"failed: {' '.join(cmd)}\n{self.stdout}\n{self.stderr}")

    def page_seconds(self, name: str) -> float:
        """The execution time ``report`` printed for page *name*."""
        m = re.search(rf"done   {re.escape(name)} \(([\d.]+) s\)", self.stdout)
        return float(m[1]) if m else float("nan")

    def html_seconds(self) -> float:
        m = re.search(r"HTML book (?:built|updated) in ([\d.]+) s", self.stdout)
        return float(m[1]) if m else 0.0

    def check_seconds(self) -> float:
        m = re.search(r"checked once \(([\d.]+) s\)", self.stdout)
        return float(m[1]) if m else 0.0


def conventional(root: Path, executed: Path) -> float:
    """Jupyter Book executes every page itself.

    Each page is its template with the plan's parameters written in after the
    ``parameters`` cell (as papermill would inject them) and its placeholders filled, so both
    ways build the same pages; only who executes them, and how, differs. Placeholders that
    ``report`` fills after execution from the values a page glues (a region page's title)
    are filled beforehand from the same page executed by ``report`` in *executed*.
    """
    import nbformat

    from report.notebook import fill_placeholders, glued_text, read_template

    plan = load_plan(root)
    for page in plan.pages:
        nb = read_template(page.template)
        glued = glued_text(nbformat.read(str(executed / page.output), as_version=4))
        fill_placeholders(nb, {**glued, **page.parameters}, page.name)
        at = next(
            (i + 1 for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])), 0
        )
        values = "\n".join(f"{k} = {v!r}" for k, v in page.parameters.items())
        nb.cells.insert(
            at,
            nbformat.v4.new_code_cell(
                f"import os\nos.environ['REPORT_PAGE'] = {page.name!r}\n{values}",
                metadata={"tags": ["injected-parameters", "remove-cell"]},
            ),
        )
        target = root / page.output
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, str(target))
    config = root / "_config.yml"
    config.write_text(
        re.sub(
            r'execute_notebooks: "off"',
            'execute_notebooks: "force"',
            config.read_text(encoding="utf-8"),
        ),
        encoding="utf-8",
    )
    from report.assets import write_vega_bundle
    from report.toc import write_book_files

    write_vega_bundle(root / "_static")
    write_book_files(root, plan)  # _toc.yml and the API page: both ways write them the same
    cmd = [
        sys.executable,
        "-c",
        "from jupyter_book.cli.main import main; main()",
        "build",
        str(root),
        "-W",
        "-n",
        "--keep-going",
        "--all",
    ]
    return Run(cmd, root).seconds


# Measured in a fresh process (as a kernel starts): the template's imports, reading the
# fact base (the build's validated copy, and validating it as every page once did), and
# rendering the page's charts to PDF (vl-convert's start-up included).
_COLD = r"""
import json, os, sys, time
job = json.load(sys.stdin)
t = time.perf_counter(); exec(job["imports"], {}); imports = time.perf_counter() - t
from lib.data.factbase import load_factbase
t = time.perf_counter(); load_factbase(); kept = time.perf_counter() - t
os.environ.pop("REPORT_FACTBASE", None)
t = time.perf_counter(); load_factbase(); validate = time.perf_counter() - t
import vl_convert as vlc
t = time.perf_counter()
for spec in job["specs"]:
    vlc.vegalite_to_pdf(spec)
charts = time.perf_counter() - t
print(json.dumps({"imports": imports, "kept": kept, "validate": validate, "charts": charts}))
"""


def _specs(nb: dict) -> list[dict]:
    specs = []
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            html = "".join(out.get("data", {}).get("text/html", ""))
            m = re.search(r"var spec = (\{.*?\});\n", html, re.S)
            if m and "report-chart" in html:
                specs.append(json.loads(m[1].replace("<\\/", "</")))
    return specs


def _cells(nb: dict) -> tuple[float, float]:
    """Seconds of all code cells, and of the setup cell (the one that loads the fact base)."""
    total = setup = 0.0
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        seconds = cell["metadata"].get("papermill", {}).get("duration") or 0.0
        total += seconds
        if "load_factbase()" in "".join(cell["source"]) and not setup:
            setup = seconds
    return total, setup


def breakdown(root: Path, name: str) -> dict[str, float]:
    """Where page *name*'s last execution in *root* went, in seconds."""
    from report.preflight import checks_of

    plan = load_plan(root)
    page = next(p for p in plan.pages if p.name == name)
    nb = json.loads((root / page.output).read_text(encoding="utf-8"))
    phases = json.loads((root / "_build" / "timings.json").read_text(encoding="utf-8"))[name]
    cells, setup = _cells(nb)
    job = {
        "imports": checks_of(page.template, list(page.defaults)).imports,
        "specs": _specs(nb),
    }
    env = {
        **os.environ,
        "REPORT_ROOT": str(root),
        "REPORT_FACTBASE": str(root / "_build" / "factbase.pickle"),
    }
    out = subprocess.run(
        [sys.executable, "-c", _COLD],
        input=json.dumps(job),
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    cold = json.loads(out.stdout)
    return {
        "kernel start (forked warm) and papermill": phases["execute"] - cells,
        "setup cell (imports, fact base, checks)": setup,
        "other cells (computation, charts for HTML)": cells - setup,
        "writing the page": phases["prepare"] + phases["write"],
        "total": phases["prepare"] + phases["execute"] + phases["write"],
        "_imports": cold["imports"],
        "_validate": cold["validate"],
        "_charts": cold["charts"],
        "_n_charts": len(job["specs"]),
    }


def book_phases(root: Path) -> dict[str, float]:
    """The phases summed over every executed page of *root* (CPU-seconds of the workers)."""
    phases = json.loads((root / "_build" / "timings.json").read_text(encoding="utf-8"))
    kernel = cells = setup = writing = 0.0
    for page in load_plan(root).pages:
        nb = json.loads((root / page.output).read_text(encoding="utf-8"))
        c, s = _cells(nb)
        cells, setup = cells + c, setup + s
        kernel += phases[page.name]["execute"] - c
        writing += phases[page.name]["prepare"] + phases[page.name]["write"]
    return {
        "kernel start (forked warm) and papermill": kernel,
        "setup cells (imports, fact base, checks)": setup,
        "other cells (computation, charts)": cells - setup,
        "writing the pages": writing,
    }


def scale_plan(root: Path, extra: int = 90) -> int:
    """Add *extra* region pages (one template, many parameter sets) to *root*'s plan."""
    path = root / "chapters" / "plan.yml"
    plan = yaml.safe_load(path.read_text(encoding="utf-8"))
    regions = [
        p["parameters"]["region"]
        for p in plan["pages"].values()
        if p.get("template") == "region_profile.md"
    ]
    names = []
    year = 2026
    while len(names) < extra:
        for code in regions:
            if len(names) < extra:
                name = f"scale-{code}-{year}"
                plan["pages"][name] = {
                    "template": "region_profile.md",
                    "parameters": {"region": code, "horizon_year": year},
                }
                names.append(name)
        year += 1
    plan["parts"].append({"caption": "Scale", "numbered": False, "pages": names})
    path.write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return len(load_plan(root).pages)


def say(text: str) -> None:
    print(text, flush=True)


def main() -> int:
    gib = 1024**3
    pages = len(load_plan(ROOT).pages)
    say(f"pages: {pages}, cores: {os.cpu_count()} (shared: figures are one run, as measured)")
    with tempfile.TemporaryDirectory() as tmp:
        ours = copy_project(ROOT, Path(tmp) / "ours")
        clean = Run([*REPORT, "book"], ours)
        say(f"clean build (report book):               {clean.seconds:7.2f} s")
        say(f"  of which the data check, once:         {clean.check_seconds():7.2f} s")
        say(f"  of which the strict HTML build:        {clean.html_seconds():7.2f} s")
        nochange = Run([*REPORT, "book"], ours)
        say(f"no-change rebuild (report book):         {nochange.seconds:7.2f} s")
        theirs = conventional(copy_project(ROOT, Path(tmp) / "conventional"), ours)
        say(f"conventional (execute_notebooks: force): {theirs:7.2f} s")
        say(f"speed-up of the clean build over the conventional one: {theirs / clean.seconds:.2f}x")
        runs = []
        for i in range(CHANGES):  # alternate two values: every run is a real change
            value = CHANGE if i % 2 == 0 else ALTERNATE
            runs.append(Run([*REPORT, "run", PAGE, "-p", value], ours))
        total = statistics.median(r.seconds for r in runs)
        own = statistics.median(r.page_seconds(PAGE) for r in runs)
        beside = statistics.median(r.seconds - r.page_seconds(PAGE) for r in runs)
        say(
            f"one-page parameter change (report run {PAGE} -p {CHANGE}, then {ALTERNATE}, "
            f"alternately; median of {CHANGES}): {total:.2f} s; the page's own execution "
            f"{own:.2f} s, so {beside:.2f} s beside it: data check and kernel server "
            f"{statistics.median(r.check_seconds() for r in runs):.2f} s, incremental HTML "
            f"after the page {statistics.median(r.html_seconds() for r in runs):.2f} s "
            "(Sphinx starts up while the page runs)"
        )
        say(
            "  each run (total / page / beside): "
            + ", ".join(
                f"{r.seconds:.2f}/{r.page_seconds(PAGE):.2f}/{r.seconds - r.page_seconds(PAGE):.2f}"
                for r in runs
            )
        )
        page = breakdown(ours, PAGE)
        imports = page.pop("_imports")
        validate, charts = page.pop("_validate"), page.pop("_charts")
        n_charts = page.pop("_n_charts")
        say(f"where the time of page {PAGE} went (its execution in that run):")
        for label, seconds in page.items():
            say(f"  {label:<40} {seconds:6.2f} s")
        say("  no longer in the page (measured apart, in a fresh process):")
        say(f"    {'its imports (once per build, in the kernel server)':<38} {imports:6.2f} s")
        say(f"    {'validating the data (once per build now)':<38} {validate:6.2f} s")
        say(f"    {f'PDF rendering of its {n_charts} charts (report pdf)':<38} {charts:6.2f} s")
        say(
            f"the one-page change counting those imports as the page's own (a cold kernel "
            f"does them in the page): page {own + imports:.2f} s, {total - own - imports:.2f} s "
            "beside it"
        )
        say("the clean build's pages, phases summed over all pages (worker seconds):")
        for label, seconds in book_phases(ours).items():
            say(f"  {label:<40} {seconds:6.2f} s")
        big = copy_project(ROOT, Path(tmp) / "scale")
        n_big = scale_plan(big)
        scale = Run([*REPORT, "book"], big)
    say(
        f"scale: {n_big} pages ({n_big - pages} generated region pages) from nothing: "
        f"{scale.seconds:.1f} s, {scale.seconds / n_big:.2f} s a page "
        f"({pages} pages: {clean.seconds / pages:.2f} s a page); peak memory of the process "
        f"tree {scale.peak_pss / gib:.2f} GiB PSS, {scale.peak / gib:.2f} GiB RSS summed "
        f"({pages} pages: {clean.peak_pss / gib:.2f} GiB PSS, {clean.peak / gib:.2f} GiB RSS)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
