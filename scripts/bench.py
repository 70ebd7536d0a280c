"""Benchmark the build; prints numbers (run with `make bench`).

On a throw-away copy of the project it measures:
  1. clean build: `report book` from nothing (pages executed in parallel, HTML built);
  2. no-change rebuild: `report book` again;
  3. one-page parameter change: `report run overview -p headline_per_region=2`;
  4. the conventional way: Jupyter Book executing every notebook itself
     (`execute_notebooks: force`), same pages, same strict flags.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from report.plan import load_plan
from report.workspace import copy_project

ROOT = Path(__file__).resolve().parents[1]


def timed(cmd: list[str], cwd: Path) -> float:
    env = {**os.environ, "REPORT_ROOT": str(cwd)}
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{result.stdout}\n{result.stderr}")
    return seconds


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
    return timed(cmd, root)


def main() -> int:
    report = [sys.executable, "-m", "report.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        ours = copy_project(ROOT, Path(tmp) / "ours")
        clean = timed([*report, "book"], ours)
        nochange = timed([*report, "book"], ours)
        one_page = timed([*report, "run", "overview", "-p", "headline_per_region=2"], ours)
        theirs = conventional(copy_project(ROOT, Path(tmp) / "conventional"), ours)
    pages = len(load_plan(ROOT).pages)
    print(f"pages: {pages}, cores: {os.cpu_count()}")
    print(f"clean build (report book):          {clean:6.2f} s")
    print(f"no-change rebuild (report book):    {nochange:6.2f} s")
    print(f"one-page parameter change:          {one_page:6.2f} s")
    print(f"conventional (execute_notebooks: force): {theirs:6.2f} s")
    print(f"speed-up of the clean build over the conventional one: {theirs / clean:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
