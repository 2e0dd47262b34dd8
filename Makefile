# make site  - set up .venv and build the example briefing into site/
# make serve - preview with live reload at http://127.0.0.1:8000
# make test  - set up .venv with test tools, lint, type-check, run every test (the browser tests
#              need Debian's chromium: installed with apt-get when /usr/bin/chromium is missing)

PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
# Playwright drives this browser; it never downloads one of its own.
CHROMIUM = /usr/bin/chromium
# iframe-worker's shim, for search in the offline site (see the plugin's offline_shim option):
# fetched by package name from the npm registry, never committed.
SHIM = build/iframe-worker/shim/index.js
IFRAME_WORKER = iframe-worker@1.0.4
SUDO = $(if $(filter 0,$(shell id -u)),,sudo)
export NO_MKDOCS_2_WARNING = 1

.PHONY: site serve test lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.site-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@ $(VENV)/.site-installed

$(SHIM):
	mkdir -p build/iframe-worker
	cd build && npm pack --silent $(IFRAME_WORKER) > /dev/null
	tar -xzf build/iframe-worker-1.0.4.tgz -C build/iframe-worker --strip-components=1
	rm build/iframe-worker-1.0.4.tgz

$(CHROMIUM):
	$(SUDO) apt-get update
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium

# The example briefing, to open from the file system (offline plugin) or put on any web server.
# The sitemap's dates come from the last commit (MkDocs reads SOURCE_DATE_EPOCH), so the same
# project always builds the same site; set SOURCE_DATE_EPOCH to choose another time.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)

site: $(VENV)/.site-installed $(SHIM)
	$(if $(SOURCE_DATE_EPOCH),SOURCE_DATE_EPOCH=$(SOURCE_DATE_EPOCH) )BRIEFING_OFFLINE=true \
		$(BIN)/mkdocs build --strict

serve: $(VENV)/.site-installed
	$(BIN)/mkdocs serve

lint: $(VENV)/.test-installed
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy generator

test: lint $(CHROMIUM) $(SHIM)
	$(BIN)/pytest

clean:
	rm -rf site tests/output .pytest_cache .mypy_cache .ruff_cache
