# Two commands do all the set-up: `make run` and `make test` (see README.md).
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export DJANGO_SETTINGS_MODULE := council.settings

# `make run` serves the demo as production does (DEBUG off: the German error pages, static files
# by WhiteNoise, gunicorn), but on plain HTTP at 127.0.0.1, with a secret key kept in var/.
DEMO_ENV := DEBUG=false SECRET_KEY="$$(cat var/secret-key)" \
	ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost} \
	SECURE_SSL_REDIRECT=false SECURE_COOKIES=false SECURE_HSTS_SECONDS=0 \
	GUNICORN_WORKERS=$${GUNICORN_WORKERS:-2}

.PHONY: run dev test lint demo clean

$(PY):
	"$$(scripts/find-python)" -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

var/secret-key: | $(PY)
	mkdir -p var
	umask 077 && $(PY) -c 'import secrets; print(secrets.token_urlsafe(64))' > $@

## Start Ratsfaden with demo data on SQLite at http://127.0.0.1:8000, production-like
run: $(STAMP) var/secret-key
	$(DEMO_ENV) $(PY) manage.py migrate --noinput
	$(DEMO_ENV) $(PY) manage.py demo
	$(DEMO_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(DEMO_ENV) $(VENV)/bin/gunicorn -c gunicorn.conf.py

## The same with Django's development server and DEBUG on (reloads code, detailed error pages)
dev: $(STAMP)
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py demo
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

## Run the whole test suite (browser tests included; DATABASE_URL picks the database)
test: $(STAMP)
	scripts/ensure-chromium
	$(PY) -m pytest -n $${PYTEST_WORKERS:-auto} $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

clean:
	rm -rf $(VENV) var/db.sqlite3 var/secret-key staticfiles
