# newsdesk: `make demo` serves the demo site, `make test` runs every check and test.
# Needs only python3 and make; everything else is installed into .venv from uv.lock, and
# the two programs the tests drive (Chromium, Varnish) from Debian (tools/system-packages).

PYTHON ?= python3
PORT ?= 8000
export BASE_URL ?= http://127.0.0.1:$(PORT)
ARTICLES ?= 500
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.8
# The W3C Nu checker's jar, installed from npm by its rule below.
NU_JAR := tools/standards/node_modules/vnu-jar/build/dist/vnu.jar
# Options for pytest: `make test PYTEST_ARGS='-m "not browser"'`, or `-x tests/test_api.py`.
PYTEST_ARGS ?=

export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON := $(PYTHON)

.PHONY: demo test install install-dev system-packages checks lint typecheck migrations-check \
	pytest serve worker clean check-standards audit

$(BIN)/uv:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# --inexact keeps uv itself (installed above, not part of the lock) in the environment.
install: $(BIN)/uv
	$(BIN)/uv sync --frozen --inexact --no-dev --quiet

install-dev: $(BIN)/uv
	$(BIN)/uv sync --frozen --inexact --quiet

demo: install
	$(BIN)/newsdesk migrate --noinput
	$(BIN)/newsdesk demo --articles $(ARTICLES)
	$(BIN)/newsdesk serve --port $(PORT)

serve: install
	$(BIN)/newsdesk serve --port $(PORT)

worker: install
	$(BIN)/newsdesk worker

# Chromium (browser tests) and Varnish (tests/test_varnish.py): installed when missing and
# this is root on Debian; otherwise it stops at once, naming the command to run.
system-packages:
	tools/system-packages

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python tools/tests_assert.py tests

typecheck: install-dev
	$(BIN)/mypy newsdesk

migrations-check: install-dev
	DJANGO_SETTINGS_MODULE=newsdesk.settings.test $(BIN)/newsdesk makemigrations --check --dry-run

# What `make test` checks before the tests; CI runs them once, not once per database.
checks: lint typecheck migrations-check

# Every test on the current database (DATABASE_URL, REDIS_URL; SQLite by default).
test: system-packages checks check-standards pytest

# The tests alone (CI runs them on each database, with PYTEST_ARGS). The Nu checker for
# tests/test_check_standards.py.
pytest: install-dev system-packages $(NU_JAR)
	$(BIN)/pytest $(PYTEST_ARGS)

# The W3C Nu checker (npm vnu-jar, pinned in tools/standards/package-lock.json; run with
# Java 17, from Debian when missing: tools/system-packages). Install scripts off: the jar
# is in the package, and its script would fetch a Java of its own.
$(NU_JAR): tools/standards/package.json tools/standards/package-lock.json
	cd tools/standards && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# The demo site's pages, feeds, sitemaps and JSON-LD against the reference validators;
# writes docs/standards.md (decision 0022).
check-standards: install-dev system-packages $(NU_JAR)
	$(BIN)/python tools/check_standards.py


# Lighthouse and axe-core on every kind of page in English and Arabic (tools/audit.py):
# fails under the thresholds and writes docs/audits.md. Needs node and npm; installs the
# pinned tools into tools/node_modules the first time. Run once per CI run, not per
# database. Options: `make audit AUDIT_ARGS='--pages map --languages en --port 9600'`.
AUDIT_ARGS ?=
audit: install-dev system-packages
	$(BIN)/python tools/audit.py $(AUDIT_ARGS)

clean:
	rm -rf $(VENV) var tools/node_modules tools/standards/node_modules
