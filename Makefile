# The two commands: `make run` starts the app, `make test` runs every check. Both build the
# virtual environment they need from nothing (Python 3.11 and the package index are enough).
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
# English is the source language; these catalogues translate from it.
LANGS := es fr

.PHONY: run test lint typecheck layers translations bench bench-scaling bench-secretariat \
	bench-plan bench-backups bench-frozen package clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# First, whether Qt's window can open here: when system libraries are missing, which packages to
# install (in one command) instead of Qt's own message, one library at a time.
run: $(STAMP)
	@$(PY) -m focalpoint.ui.display_check
	$(VENV)/bin/focalpoint

test: $(STAMP) lint typecheck
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check src tests benchmarks packaging tools
	$(PY) -m ruff format --check src tests benchmarks packaging tools

typecheck: $(STAMP)
	$(PY) -m mypy

layers: $(STAMP)
	$(VENV)/bin/lint-imports

# Extract the interface strings, merge them into every catalogue, compile the .mo files.
translations: $(STAMP)
	$(VENV)/bin/pybabel -q extract -F babel.cfg -k N_ -k ngettext:1,2 --no-location \
		--sort-output --project FocalPoint --copyright-holder "FocalPoint" \
		-o translations/focalpoint.pot src/focalpoint
	for lang in $(LANGS); do \
		if [ -f translations/$$lang/LC_MESSAGES/focalpoint.po ]; then \
			$(VENV)/bin/pybabel -q update --no-fuzzy-matching -D focalpoint \
				-i translations/focalpoint.pot -d translations -l $$lang; \
		else \
			$(VENV)/bin/pybabel -q init -D focalpoint \
				-i translations/focalpoint.pot -d translations -l $$lang; \
		fi; \
		mkdir -p src/focalpoint/locale/$$lang/LC_MESSAGES; \
		$(VENV)/bin/pybabel -q compile --use-fuzzy -D focalpoint \
			-i translations/$$lang/LC_MESSAGES/focalpoint.po \
			-o src/focalpoint/locale/$$lang/LC_MESSAGES/focalpoint.mo; \
		$(VENV)/bin/pyside6-lrelease -silent translations/qt/qt_gaps_$$lang.ts \
			-qm src/focalpoint/locale/qt_gaps_$$lang.qm; \
	done

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run.py

# How the long operations grow: three sizes, up to 100,000 services (about ten minutes).
bench-scaling: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/scaling.py

# The Secretariat with eleven large countries: intake, acceptance, matrix, lists, start-up.
bench-secretariat: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/secretariat.py

# Issue 17's budgets: a country taking in a plan update (1,000 to 4,000 actions), the regional
# report of eleven countries at two sizes (building them takes a few minutes).
bench-plan: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/plan_update.py
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/regional_report.py

# Issue 15's costs at three sizes: backup, export, import, restore, with growth exponents.
bench-backups: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/backups.py

# The frozen app's size and start-up against source (after `make package`).
bench-frozen: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/frozen.py dist/FocalPoint

# The one-folder app (PyInstaller) in dist/FocalPoint/ and its archive, then the frozen program
# tried offscreen without a network (packaging/README.md).
package: $(STAMP)
	$(PY) packaging/build.py
	QT_QPA_PLATFORM=offscreen $(PY) packaging/smoke.py dist/FocalPoint

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
