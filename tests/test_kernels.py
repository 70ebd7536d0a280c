"""Warm kernels: forked from the kernel server, a page runs as in a freshly started kernel."""

import json
import os
import re
from pathlib import Path

import pytest
from conftest import copy_project

from report.execute import execute_pages
from report.plan import Page

PROBE = """\
```{code-cell}
:tags: [parameters]

n = 3
```

```{code-cell}
import os

import altair as alt
import pandas as pd

import lib.present.charts  # noqa: F401
from lib.paths import current_page

wide = pd.DataFrame({f"column_{i}": range(n) for i in range(30)})
wide
```

```{code-cell}
print(current_page(), os.getcwd() == os.environ["REPORT_ROOT"], os.environ.get("PROBE"))
```

```{code-cell}
pick = alt.selection_point()
alt.Chart(wide).mark_point().encode(x="column_0", y="column_1").add_params(pick)
```
"""

DIES = """\
```{code-cell}
:tags: [parameters]

n = 3
```

```{code-cell}
import os

os._exit(3)
```
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("kernels") / "p")
    (root / "probe.md").write_text(PROBE, encoding="utf-8")
    (root / "dies.md").write_text(DIES, encoding="utf-8")
    return root


def _page(root: Path, name: str, template: str) -> Page:
    return Page(name, root / template, {"n": 3}, {"n": 3})


def _servers(root: Path) -> list[int]:
    """Kernel servers still running for *root*."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            cmd = (proc / "cmdline").read_bytes()
            cwd = os.readlink(proc / "cwd")
        except OSError:
            continue
        if b"report.kernel_server" in cmd and Path(cwd) == root:
            found.append(int(proc.name))
    return found


def _outputs(root: Path, name: str) -> list:
    nb = json.loads((root / "pages" / f"{name}.ipynb").read_text(encoding="utf-8"))
    text = json.dumps([c.get("outputs", []) for c in nb["cells"]])
    return json.loads(re.sub(r"chart-[0-9a-f]{12}", "chart-X", text))


def test_a_page_runs_in_a_warm_kernel_exactly_as_in_a_cold_one(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    monkeypatch.setenv("REPORT_ROOT", str(project))
    monkeypatch.setenv("PROBE", "from the build's environment")
    monkeypatch.setenv("REPORT_WARM_KERNELS", "0")
    [cold] = execute_pages(project, [_page(project, "probe", "probe.md")], force=True)
    assert cold.status == "executed", cold.error
    assert "kernels start warm" not in capsys.readouterr().out
    expected = _outputs(project, "probe")

    monkeypatch.setenv("REPORT_WARM_KERNELS", "1")
    [warm] = execute_pages(project, [_page(project, "probe", "probe.md")], force=True)
    assert warm.status == "executed", warm.error
    assert "kernels start warm" in capsys.readouterr().out
    assert _outputs(project, "probe") == expected
    text = json.dumps(expected)
    # the page's name, folder and environment reach the kernel; pandas prints a wide frame
    # as in a kernel (20 columns at most: the last ones shown after "..."); Altair names
    # the chart's parameter as in a fresh kernel
    assert "probe True from the build's environment" in text
    frame = "".join(expected[2][0]["data"]["text/plain"])
    assert "column_29" in frame and "column_15" not in frame and '"name": "param_' in text
    assert _servers(project) == []  # the server stopped with the build


def test_a_kernel_that_dies_fails_its_page_and_the_build_goes_on(project, monkeypatch):
    monkeypatch.chdir(project)
    monkeypatch.setenv("REPORT_ROOT", str(project))
    dies, probe = _page(project, "dies", "dies.md"), _page(project, "probe", "probe.md")
    results = execute_pages(project, [dies, probe], jobs=2, force=True)
    by_name = {r.name: r for r in results}
    assert by_name["dies"].status == "failed"
    assert "'dies'" in by_name["dies"].error and "could not run" in by_name["dies"].error
    assert by_name["probe"].status == "executed", by_name["probe"].error
    assert _servers(project) == []
