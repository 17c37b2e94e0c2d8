# The developer interface. CI runs `make test`, exactly as a developer does.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
MANAGE := uv run --locked python manage.py

.PHONY: run setup test check lint format messages translations demo-code benchmark clean

run: setup ## Install everything, migrate, load the demo and serve on http://127.0.0.1:8000
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo_data
	@bash scripts/demo-sign-ins.sh
	$(MANAGE) runserver 127.0.0.1:8000

setup: ## Python packages from uv.lock, front-end packages from npm, compiled assets and translations
	@bash scripts/setup.sh

test: ## Lint, type checks, and the whole suite on PostgreSQL and on SQLite
	@bash scripts/test.sh

check: setup ## Lint and type checks only
	uv run --locked ruff check .
	uv run --locked ruff format --check .
	uv run --locked mypy .

format:
	uv run --locked ruff format .
	uv run --locked ruff check --fix .

messages: ## Refresh the Welsh message catalogue after changing strings
	$(MANAGE) makemessages -l cy --no-obsolete --ignore=node_modules --ignore=.venv --ignore=build --ignore=var
	$(MANAGE) compilemessages -l cy --ignore=.venv --ignore=node_modules

demo-code: ## Print the current second-factor code for the demo accounts
	@$(MANAGE) demo_code

benchmark: setup ## Print page timings on a generated data set (PostgreSQL)
	@bash scripts/benchmark.sh

clean:
	rm -rf build var node_modules .venv
