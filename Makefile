# Two commands do all the set-up: `make run` serves the catalogue, `make test` runs the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install messages run serve test migrate load lint format clean bench

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

# The interface's translations (locale/*/LC_MESSAGES/*.mo are build output, not committed).
# Pure Python (core/management/commands/compilemessages.py, Babel): GNU gettext not needed.
messages: install
	$(BIN)/python manage.py compilemessages

migrate: install
	$(BIN)/python manage.py migrate --noinput

load: migrate
	$(BIN)/python manage.py load_catalogue

run: load messages
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# The production stack on this machine: DEBUG off, gunicorn, static files by whitenoise.
# Over plain http on localhost, so TLS redirects and secure cookies are off unless asked.
serve: load messages
	DEBUG=0 SECRET_KEY="$${SECRET_KEY:-$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')}" \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-0}" SECURE_COOKIES="$${SECURE_COOKIES:-0}" \
	sh -c '$(BIN)/python manage.py collectstatic --noinput -v0 && exec $(BIN)/gunicorn config.wsgi -c config/gunicorn.conf.py'

test: messages
	$(BIN)/python -m pytest

# Speed at scale (issue 7): a synthetic catalogue of STANDARDS standards on DB (sqlite or
# postgres, the local server's bench_catalogue); see README "Performance".
STANDARDS ?= 10000
DB ?= sqlite
bench: install
	$(BIN)/python -m benchmarks run --standards $(STANDARDS) --database $(DB)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
