# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
BENCH_DB ?= sqlite:///$(CURDIR)/.bench/bench.sqlite3
BENCH_SCALE ?= 1.0

.PHONY: install run test lint bench messages clean

# xstatic-bootstrap (Bootstrap's CSS/JS as a Python package) still builds with pkg_resources,
# so it is built with the venv's own setuptools (< 81) instead of an isolated build env.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip "setuptools<81" wheel
	$(PY) -m pip install --quiet --no-build-isolation ".[dev]"
	rm -rf build *.egg-info
	touch $(STAMP)

install: $(STAMP)

run: install
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py seed_demo
	@echo "Open http://$(HOST):$(PORT)/ and log in with one of the demo logins above."
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(PY) -m pytest -n 2 --dist loadfile $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

bench: install
	@command -v wrk >/dev/null || { echo "make bench needs wrk for its HTTP measurement: sudo apt-get install -y wrk"; exit 1; }
	mkdir -p .bench
	$(PY) manage.py collectstatic --noinput -v0
	DATABASE_URL=$(BENCH_DB) $(PY) manage.py migrate --noinput -v0
	DATABASE_URL=$(BENCH_DB) $(PY) manage.py seed_scale --scale $(BENCH_SCALE)
	DATABASE_URL=$(BENCH_DB) $(PY) manage.py run_benchmark --output .bench/results.json
	DATABASE_URL=$(BENCH_DB) $(PY) manage.py bench_http --output .bench/http.json
	DATABASE_URL=$(BENCH_DB) $(PY) manage.py bench_writers --output .bench/writers.json
	DATABASE_URL=$(BENCH_DB) $(PY) manage.py bench_incentive --output .bench/incentive.json
	$(PY) manage.py bench_zscores --output .bench/zscores.json
	DATABASE_URL=$(BENCH_DB) $(PY) manage.py bench_backup --output .bench/backup.json

# After changing user-facing strings: refresh the English catalogue, translate the new
# entries in locale/en/LC_MESSAGES/django.po, then run this again to compile it (needs GNU gettext).
messages: install
	$(PY) manage.py makemessages -l en --no-obsolete --add-location=file --ignore=.venv --ignore=.bench --ignore=build
	$(PY) manage.py compilemessages -l en --ignore=.venv

clean:
	rm -rf $(VENV) .bench build *.egg-info db.sqlite3
