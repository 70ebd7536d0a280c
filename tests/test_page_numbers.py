"""A refactoring changes no page: the numbers every page shows match the recorded ones.

The record (``tests/snapshots/page_numbers.json``) is rewritten on purpose, when a change is
meant to change what pages show, after ``make book``:
``python tests/page_numbers.py . > tests/snapshots/page_numbers.json``.
"""

import json

import pytest
from conftest import ROOT
from page_numbers import book_numbers, difference

pytestmark = pytest.mark.slow


def test_pages_show_the_recorded_numbers(built_book):
    root, _ = built_book
    before = json.loads(
        (ROOT / "tests" / "snapshots" / "page_numbers.json").read_text(encoding="utf-8")
    )
    problems = difference(before, book_numbers(root))
    assert not problems, "\n".join(problems)
