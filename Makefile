# Two commands do everything on a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench bench-scale clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/kg build seeds -o out

test: $(STAMP) lint
	$(BIN)/python -m pytest -q
	MPLBACKEND=Agg $(BIN)/python -m pytest -q --nbmake notebooks/

lint: $(STAMP)
	$(BIN)/ruff check kg tests scripts bench
	$(BIN)/lint-imports

bench: $(STAMP)
	$(BIN)/python bench/run_bench.py

bench-scale: $(STAMP)
	$(BIN)/python bench/bench_scale.py

clean:
	rm -rf out .pytest_cache
