# newsdesk: `make demo` serves the demo site, `make test` runs every test.
# Needs only python3 and make; everything else is installed into .venv from uv.lock.

PYTHON ?= python3
PORT ?= 8000
export BASE_URL ?= http://127.0.0.1:$(PORT)
ARTICLES ?= 500
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.8

export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON := $(PYTHON)

.PHONY: demo test install install-dev lint typecheck migrations-check serve worker clean

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

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install-dev
	$(BIN)/mypy newsdesk

migrations-check: install-dev
	DJANGO_SETTINGS_MODULE=newsdesk.settings.test $(BIN)/newsdesk makemigrations --check --dry-run

test: install-dev lint typecheck migrations-check
	$(BIN)/pytest

clean:
	rm -rf $(VENV) var
