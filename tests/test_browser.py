"""A real browser opens every page of the built book, offline."""

import shutil

import pytest
from conftest import ROOT  # noqa: F401

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Console noise of the book theme itself (TOOLCHAIN.md): not errors of the project's scripts.
THEME_NOISE = ("THEBE_JS_URL", "invalid theme mode")
# The page for developers that shows its code in every edition.
CODE_PAGES = {"using_lib"}

# Every chart drawn by vega-embed has a title, and every axis of a quantity (a continuous
# scale) a title saying what it measures and in what unit; an axis of categories (places,
# stages, years) is named by its labels. Vega labels its SVG for screen readers: a title
# group reads "Title text '…'", an axis "X-axis titled '…' for a linear scale …".
UNTITLED_CHARTS = """() => [...document.querySelectorAll('.report-chart')].flatMap((chart, i) => {
  const label = g => g.getAttribute('aria-label') || '';
  const titles = [...chart.querySelectorAll('svg g[aria-roledescription="title"]')];
  const axes = [...chart.querySelectorAll('svg g[aria-roledescription="axis"]')];
  const problems = [];
  if (!titles.some(g => /^Title text '.+'/.test(label(g))))
    problems.push(`chart ${i + 1}: no title`);
  for (const axis of axes) {
    const text = label(axis);
    const quantity = /for a (linear|log|pow|sqrt|symlog|time|utc) scale/.test(text);
    if (quantity && !/ titled '.+' for /.test(text))
      problems.push(`chart ${i + 1}: untitled axis (${text.slice(0, 60)})`);
  }
  return problems;
})"""


def test_every_page_draws_its_charts_offline(built_book):
    from playwright.sync_api import sync_playwright

    root, _ = built_book
    html = root / "_build" / "html"
    pages = [html / "index.html", *sorted((html / "pages").glob("*.html"))]
    assert len(pages) >= 3
    charts_seen = 0
    untitled = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        try:
            for path in pages:
                page = browser.new_page()
                outside, errors = [], []

                def route(r, outside=outside):
                    if r.request.url.startswith("file://"):
                        r.continue_()
                    else:
                        outside.append(r.request.url)
                        r.abort()

                page.route("**/*", route)
                page.on(
                    "console", lambda m, e=errors: e.append(m.text) if m.type == "error" else None
                )
                page.on("pageerror", lambda exc, e=errors: e.append(str(exc)))
                page.goto(path.as_uri())
                charts = page.locator(".report-chart")
                n = charts.count()
                if n:
                    page.wait_for_function(
                        "n => document.querySelectorAll('.report-chart svg').length >= n",
                        arg=n,
                        timeout=20_000,
                    )
                charts_seen += n
                untitled += [f"{path.name}: {u}" for u in page.evaluate(UNTITLED_CHARTS)]
                if path.stem not in CODE_PAGES:  # the reader's edition shows no code
                    assert page.locator(".cell_input").count() == 0, path.name
                    assert page.get_by_text("Show code cell").count() == 0, path.name
                assert outside == [], f"{path.name} requested {outside}"
                real = [e for e in errors if not any(t in e for t in THEME_NOISE)]
                assert real == [], f"{path.name}: {real}"
                text = page.inner_text("body")
                if path.parent.name == "pages":
                    assert any("\u4e00" <= ch <= "\u9fff" for ch in text), path.name
                page.close()
        finally:
            browser.close()
    assert charts_seen >= 3
    assert untitled == []
