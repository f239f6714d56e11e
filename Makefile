# Skolsocial metodhandbok. `make serve` to read and edit, `make test` to test everything.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)
# Debian packages: Chromium for browser tests; Pango and fonts for WeasyPrint (PDF).
DEBS   := chromium fonts-dejavu-core fonts-liberation2 libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
# nginx (with Brotli) for the production-like server tests; Java and Node for vnu and Lighthouse.
DEBS   += nginx libnginx-mod-http-brotli-static default-jre-headless nodejs
NODE_STAMP := node_modules/.installed-$(shell cksum package-lock.json | cut -d' ' -f1)
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PORT   ?= 8000
# A local edition's folder (see README "Your own edition"): make build EDITION=editions/exempelkommun
EDITION ?=
export HANDBOK_EDITION := $(if $(EDITION),$(abspath $(EDITION)))
# The generator that turns the Markdown tree into HTML: mkdocs (default) or properdocs (handbok/generators.py).
GENERATOR ?= mkdocs
export HANDBOK_GENERATOR := $(GENERATOR)
# The generators `make test-generators` compares with MkDocs, page by page.
GENERATORS ?= properdocs
# The site-wide checks (browser, axe, links, HTML) that `make test` runs again on an edition.
EDITION_TESTS := tests/test_browser.py tests/test_links.py tests/test_site.py tests/test_html_valid.py

.PHONY: serve build check test test-generators report bench urls schemas new edition system-deps venv clean serve-site publish rollback node-deps fuzz

serve: venv node-deps               ## Live preview of both languages at http://127.0.0.1:$(PORT)/ (handbok/preview.py)
	$(PY) -m handbok serve --port $(PORT)

build: venv node-deps                ## Check the content and build the whole site into site/ (needs SITE_URL; DRAFT=1 for a draft)
	$(PY) -m handbok build $(if $(DRAFT),--draft)

check: venv                ## Check all YAML content and list every problem
	$(PY) -m handbok check

test: system-deps venv node-deps ## Run every test (content, build, browser, print, server, HTML), then the site checks on an edition
	HANDBOK_EDITION= $(PY) -m pytest --ignore=tests/test_generators.py
	HANDBOK_EDITION=$(abspath $(or $(EDITION),editions/exempelkommun)) $(PY) -m pytest $(EDITION_TESTS)

test-generators: system-deps venv node-deps ## Build with each of GENERATORS and compare with MkDocs page by page; axe, CSP and nginx tests on that build
	@for g in $(GENERATORS); do echo "== $$g =="; \
	  HANDBOK_EDITION= HANDBOK_GENERATOR=$$g HANDBOK_COMPARE_WITH=mkdocs $(PY) -m pytest tests/test_generators.py \
	    tests/test_publishing.py tests/test_browser.py tests/test_family_pages.py \
	    -k "test_generators or test_publishing or axe or light" || exit 1; done

# How many mutated content files `make fuzz` tries (make test tries 300): make fuzz FUZZ_CASES=50000
FUZZ_CASES ?= 20000
fuzz: venv                 ## Fuzz the content check with FUZZ_CASES mutated files (Hypothesis); prints the figures
	HANDBOK_EDITION= HANDBOK_FUZZ_CASES=$(FUZZ_CASES) $(PY) -m pytest tests/test_content_fuzz.py -q -k mutated_content

report: venv               ## Content health report for coordinators
	$(PY) -m handbok report

bench: system-deps venv node-deps ## Build-time and Lighthouse benchmark (not part of make test)
	$(PY) bench/bench.py

new: venv                  ## New item from the model's template: make new KIND=toolbox ID=min-insats
	$(PY) -m handbok new $(KIND) $(ID)

edition: venv              ## A new local edition from the example: make edition NEW=editions/min-kommun
	@test -n "$(NEW)" || { echo "Ange NEW=mapp / Give NEW=folder" >&2; exit 2; }
	$(PY) -m handbok edition "$(NEW)"

urls: venv                 ## Add new items' addresses to published-urls.txt
	$(PY) -m handbok urls --update

schemas: venv              ## Write the JSON Schemas editors use (schemas/)
	$(PY) -m handbok schemas

serve-site: system-deps venv ## Serve the built site/ through nginx as in production: http://127.0.0.1:$(PORT)/
	$(PY) -m handbok.nginx --site $(or $(SITE),site) --port $(PORT)

publish: venv              ## Build a new release beside DEST and switch DEST to it: make publish DEST=/srv/handbok/current (SITE=site copies a finished build instead)
	@test -n "$(DEST)" || { echo "Ange DEST=… / Give DEST=…" >&2; exit 2; }
	$(PY) -m handbok.release publish --dest "$(DEST)" $(if $(SITE),--site "$(SITE)")

rollback: venv             ## Switch DEST back to the previous release: make rollback DEST=/srv/handbok/current
	@test -n "$(DEST)" || { echo "Ange DEST=… / Give DEST=…" >&2; exit 2; }
	$(PY) -m handbok.release rollback --dest "$(DEST)"

# Pinned npm packages (package.json, package-lock.json): MiniSearch, which the site ships for search,
# and the checkers vnu (with Java) and Lighthouse (with Debian's Chromium).
node-deps: $(NODE_STAMP)
$(NODE_STAMP): package-lock.json
	@command -v npm >/dev/null || { $(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends npm; }
	rm -f node_modules/.installed-*
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error  # vnu.jar ships in the package; nothing to download
	touch $@

venv: $(STAMP)
$(STAMP): requirements.txt
	@echo "Installerar Python-paketen i requirements.txt i $(VENV)/ (första gången, någon minut) / Installing the Python packages in requirements.txt into $(VENV)/ (first time, a minute or two)"
	rm -f $(VENV)/.installed-*
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

system-deps:
	@dpkg -s $(DEBS) >/dev/null 2>&1 || { $(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $(DEBS); }

clean:
	rm -rf site .site.* .preview .build .cache $(VENV) node_modules
