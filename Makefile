# Standortkompass — the commands in README.md. Needs Python 3.11+, git and make.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SK := $(BIN)/standortkompass
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)

.PHONY: run install local-settings demo-data test check lint format typecheck bench bench-load bench-workshop vendor clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25.1"
	$(BIN)/python -m pip install --quiet -e . --group dev
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

# The local demo's settings, kept in var/local.env: a standortkompass command in a new shell reads them.
local-settings: export DEBUG ?= true
local-settings:
	mkdir -p "$${STANDORTKOMPASS_VAR_DIR:-var}"
	printf '# written by make local-settings (make run, make demo-data)\nDEBUG=%s\n' "$$DEBUG" \
		> "$${STANDORTKOMPASS_VAR_DIR:-var}/local.env"

# Local demo: SQLite under var/, debug on, the shipped official data and the demo process.
run: export DEBUG ?= true
run: install local-settings
	$(SK) migrate --no-input
	$(SK) load_official_data
	$(SK) demo
	$(SK) serve --host 127.0.0.1 --port 8000

demo-data: export DEBUG ?= true
demo-data: install local-settings
	$(SK) migrate --no-input
	$(SK) load_official_data
	$(SK) demo

test: install
	bash scripts/test.sh

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

format: install
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

typecheck: install
	DEBUG=true $(BIN)/mypy

check: lint typecheck
	DEBUG=true $(SK) makemigrations --check --dry-run
	DEBUG=true $(SK) compilemessages --ignore=.venv >/dev/null
	bash scripts/test.sh

bench: install
	status=0; \
	$(BIN)/python bench/run.py || status=1; \
	$(BIN)/python bench/survey_results.py || status=1; \
	$(BIN)/python bench/survey_export.py || status=1; \
	$(BIN)/python bench/imports.py || status=1; \
	$(BIN)/python bench/strategy.py || status=1; \
	$(BIN)/python bench/api.py || status=1; \
	$(BIN)/python bench/reports.py || status=1; \
	exit $$status

bench-load: install
	status=0; \
	$(BIN)/python bench/survey_load.py || status=1; \
	$(BIN)/python bench/cold_start.py || status=1; \
	exit $$status

# The live workshop under load (issue 13 §7): a real server with the Redis channel layer (its own Redis database,
# redis://127.0.0.1:6379/14, emptied) and PostgreSQL (DATABASE_URL); 300 phones dot-voting over WebSocket.
bench-workshop: install
	$(BIN)/python bench/workshop_load.py

vendor:
	bash scripts/vendor-frontend.sh

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
