# Tawasul: `make run` serves the site with demo data; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := app:create_app
BABEL_EXTRACT := $(BIN)/pybabel -q extract -F babel.cfg -k _l -k N_ --ignore-dirs='.* ._ .venv node_modules instance artifacts' --no-location --sort-output

.PHONY: run serve test setup test-suite lint translations i18n-update i18n-check bench bench-pg bench-growth bench-roundtrip bench-profile bench-profile-pg clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.runtime: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'
	touch $@ $(VENV)/.runtime

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

translations: | $(BIN)/python
	$(BIN)/pybabel compile -d app/translations --statistics

run: $(VENV)/.runtime translations
	$(BIN)/flask db upgrade
	$(BIN)/flask demo
	@echo "Serving Tawasul at http://127.0.0.1:5000 (Ctrl+C to stop)"
	$(BIN)/flask run --host 127.0.0.1 --port 5000

# Production-like: gunicorn with gunicorn.conf.py (WEB_CONCURRENCY workers, preloaded app,
# access log on stdout). Development settings unless TAWASUL_ENV=production is exported
# (which then needs SECRET_KEY, DATABASE_URL, MAIL_SERVER, PUBLIC_BASE_URL... as in production).
serve: $(VENV)/.runtime translations
	TAWASUL_ENV=$${TAWASUL_ENV:-development} $(BIN)/flask db upgrade
	TAWASUL_ENV=$${TAWASUL_ENV:-development} $(BIN)/gunicorn -c gunicorn.conf.py wsgi:app

lint: $(VENV)/.dev
	$(BIN)/ruff check app tests bench wsgi.py gunicorn.conf.py
	$(BIN)/ruff format --check app tests bench wsgi.py gunicorn.conf.py
	$(BIN)/mypy
	$(BIN)/bandit -q -c pyproject.toml -r app -ll

# Fails when a gettext string was added or changed without updating the catalogs.
i18n-check: $(VENV)/.dev
	$(BABEL_EXTRACT) -o $(VENV)/messages.pot .
	$(BIN)/pybabel -q update -i $(VENV)/messages.pot -d app/translations --check --ignore-pot-creation-date --no-fuzzy-matching

i18n-update: $(VENV)/.dev
	$(BABEL_EXTRACT) -o app/translations/messages.pot .
	$(BIN)/pybabel update -i app/translations/messages.pot -d app/translations --ignore-pot-creation-date --no-fuzzy-matching

# Everything: lint, the catalog check and the whole pytest suite (browser and vnu included).
test: setup lint i18n-check test-suite

# What the suite needs: the dev extra, the pinned npm test tools, compiled catalogs.
setup: $(VENV)/.dev node_modules/.installed translations

# pytest alone, with PYTEST_ARGS (for example PYTEST_ARGS='-m "not browser and not vnu"').
test-suite: setup
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

# Figures go to the screen and to bench/results/ (not in git); a missed target never fails.
bench: $(VENV)/.dev translations
	$(BIN)/python bench/run.py
	$(BIN)/python bench/credentials.py

# The same against a fresh PostgreSQL database (made and dropped by bench/pg.py) and Redis.
bench-pg: $(VENV)/.dev translations
	$(BIN)/python bench/pg.py

# The worker's CPU per statement on SQLite and PostgreSQL, layer by layer (driver, Core, ORM).
# Where each page's CPU goes in the served app: py-spy samples the workers under load, by layer
# and by app function (BENCH_ONLY="label,label" picks pages); the report in bench/results/.
bench-profile: $(VENV)/.dev translations
	$(BIN)/python bench/run.py --profile

bench-profile-pg: $(VENV)/.dev translations
	$(BIN)/python bench/pg.py --profile

bench-roundtrip: $(VENV)/.dev
	$(BIN)/python bench/roundtrip.py

# Per-page CPU and SQL queries with 1,000 and 10,000 learners (`flask bench seed`), side by side;
# makes and drops two PostgreSQL databases (BENCH_PG_ADMIN_URL), the table in bench/results/.
bench-growth: $(VENV)/.dev translations
	$(BIN)/python bench/growth.py $(GROWTH_ARGS)

clean:
	rm -rf $(VENV) node_modules artifacts
