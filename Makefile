# Skolsocial metodhandbok. `make serve` to read and edit, `make test` to test everything.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)
# Debian packages: Chromium for browser tests; Pango and fonts for WeasyPrint (PDF).
DEBS   := chromium fonts-dejavu-core fonts-liberation2 libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PORT   ?= 8000

.PHONY: serve build check test report bench urls schemas new system-deps venv node-deps clean

serve: venv node-deps                ## Serve the handbook with live reload at http://127.0.0.1:$(PORT)/
	$(PY) -m mkdocs serve -f mkdocs.yml -a 127.0.0.1:$(PORT)

build: venv node-deps                ## Check the content and build the whole site into site/
	$(PY) -m handbok build

check: venv                ## Check all YAML content and list every problem
	$(PY) -m handbok check

test: system-deps venv node-deps     ## Run every test (content, build, browser, print)
	$(PY) -m pytest

report: venv               ## Content health report for coordinators
	$(PY) -m handbok report

bench: venv node-deps                ## Build-time benchmark (not part of make test)
	$(PY) bench/bench.py

new: venv                  ## New item from the model's template: make new KIND=toolbox ID=min-insats
	$(PY) -m handbok new $(KIND) $(ID)

urls: venv                 ## Add new items' addresses to published-urls.txt
	$(PY) -m handbok urls --update

schemas: venv              ## Write the JSON Schemas editors use (schemas/)
	$(PY) -m handbok schemas

venv: $(STAMP)
$(STAMP): requirements.txt
	rm -f $(VENV)/.installed-*
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# The search library the site ships (MiniSearch), pinned in package.json and package-lock.json.
node-deps: node_modules/.installed
node_modules/.installed: package-lock.json
	@command -v npm >/dev/null || { $(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends npm; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

system-deps:
	@dpkg -s $(DEBS) >/dev/null 2>&1 || { $(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $(DEBS); }

clean:
	rm -rf site .site.* $(VENV) node_modules
