# The README's two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format migrate seed clean bench vnu

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.10 or newer is needed, found " + sys.version.split()[0]) if sys.version_info < (3, 10) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed-run

migrate: $(VENV)/.installed-run
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput

seed: migrate
	DJANGO_DEBUG=1 $(BIN)/python manage.py load_public_record

run: seed
	@echo
	@echo "RTC Portal on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	@echo "To sign in to the admin, first create an account in another terminal:"
	@echo "    DJANGO_DEBUG=1 $(BIN)/python manage.py createsuperuser"
	@echo
	@# The task workers run beside the server and stop with it: one per queue (imports,
	@# documents, exports and the rest), so that a slow file of one kind never holds the others.
	DJANGO_DEBUG=1 $(BIN)/python manage.py db_worker --queue-name imports & imports=$$!; \
	DJANGO_DEBUG=1 $(BIN)/python manage.py db_worker --queue-name documents & documents=$$!; \
	DJANGO_DEBUG=1 $(BIN)/python manage.py db_worker --queue-name exports,default & others=$$!; \
	trap 'kill $$imports $$documents $$others' EXIT INT TERM; \
	DJANGO_DEBUG=1 DJANGO_HTTP_VALIDATORS=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

# The Nu Html Checker the HTML and CSS tests run (npm's vnu-jar; Java 11+), pinned, into
# .tools/ (ignored by git). Without npm the tests skip it, except in CI where they fail.
VNU_VERSION := 26.9.27
VNU_STAMP := .tools/.vnu-jar-$(VNU_VERSION)
$(VNU_STAMP):
	@if command -v npm >/dev/null; then \
	  npm install --prefix .tools --no-save --no-audit --no-fund --loglevel=error vnu-jar@$(VNU_VERSION) \
	  && touch $@; \
	else echo "npm not found: the Nu Html Checker tests will be skipped (install Node.js)"; fi

vnu: $(VNU_STAMP)

# `$(STEP) name command...` runs one step of `make test` and prints how long it took, so that
# the day a step slows down is the day it shows.
STEP = @bash -c 'echo "=== $$0"; start=$$SECONDS; "$$@"; status=$$?; \
  echo "=== $$0: $$((SECONDS - start)) s"; exit $$status'
# The tests run in PYTEST_WORKERS processes (pytest-xdist; each has its own test database and
# Redis databases, at most 5). --dist loadscope keeps each module in one process, so that a
# module's servers and fixtures start once.
PYTEST_WORKERS ?= 2
DATABASE_ENGINE = $(firstword $(subst :, ,$(or $(DATABASE_URL),sqlite)))

# `manage.py check` runs django-linear-migrations' check too: each app's max_migration.txt
# names its latest migration, and no two migrations share a parent.
test: $(VENV)/.installed-dev $(VNU_STAMP)
	$(STEP) "lint (ruff)" $(BIN)/ruff check .
	$(STEP) "format (ruff)" $(BIN)/ruff format --check .
	$(STEP) "import contract" $(BIN)/lint-imports --no-cache
	$(STEP) "migration check" env DJANGO_SECRET_KEY=makemigrations-check \
	  bash -c '$(BIN)/python manage.py check && $(BIN)/python manage.py makemigrations --check --dry-run'
	$(STEP) "pytest $(PYTEST_ARGS) on $(DATABASE_ENGINE)" \
	  $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadscope $(PYTEST_ARGS)

format: $(VENV)/.installed-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .tools staticfiles .pytest_cache .ruff_cache .import_linter_cache

# Benchmark (not part of `make test`): needs DATABASE_URL and wrk; see docs/benchmarks.md.
N ?= 10000
BENCH_ARGS ?=
bench: $(VENV)/.installed-run
	DJANGO_SETTINGS_MODULE=bench.settings DJANGO_SECRET_KEY=bench $(BIN)/python manage.py migrate --noinput -v0
	DJANGO_SETTINGS_MODULE=bench.settings DJANGO_SECRET_KEY=bench $(BIN)/python bench/generate.py $(N)
	$(BIN)/python bench/run.py $(BENCH_ARGS)
