# Two commands matter: `make run` and `make test`. Everything else is a step of theirs.
PYTHON ?= python3.13
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install migrate catalog serve lint check clean lock

# The exact versions of requirements-dev.txt, each checked against its hash; then the
# project itself, without its dependencies (already there) and with the locked setuptools.
$(STAMP): pyproject.toml requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --no-input

catalog: migrate
	$(BIN)/python manage.py load_catalog

run: catalog
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# One test process per core (pytest-xdist).
test: install
	$(BIN)/python -m pytest -m "not e2e" -n auto $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

# Production server. DJANGO_ENV=production, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and
# SITE_URL come from the environment. 3 sync workers for 2 cores: one per core, one more to
# cover I/O waits.
WORKERS ?= 3
serve: install
	$(BIN)/python manage.py collectstatic --no-input
	$(BIN)/gunicorn config.wsgi --workers $(WORKERS) --bind 127.0.0.1:8000 \
		--max-requests 2000 --max-requests-jitter 200 --access-logfile -

# Upgrade the lock files to the newest versions pyproject.toml allows (then run make test).
# requirements.txt: what a production server installs; requirements-dev.txt: that plus [dev].
LOCK := $(BIN)/pip-compile --quiet --upgrade --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links
lock: install
	CUSTOM_COMPILE_COMMAND="make lock" $(LOCK) -o requirements.txt pyproject.toml
	CUSTOM_COMPILE_COMMAND="make lock" $(LOCK) --extra dev -o requirements-dev.txt pyproject.toml

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 .pytest_cache test-results
