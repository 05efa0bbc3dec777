# cspm-opa: every target works on a fresh clone; `make install` is the only set-up step.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
OPA_VERSION := v1.22.3
TOOLS := $(CURDIR)/.tools/bin
OPA := $(TOOLS)/opa
OPA_STAMP := $(TOOLS)/.opa-$(OPA_VERSION)
STAMP := $(VENV)/.installed
LOCK := requirements.lock
export CSPM_OPA_BIN := $(OPA)

SARIF_SCHEMA := .tools/sarif-2.1.0-rtm.5.json
SARIF_SHA256 := 2d99159ae54a3eea97f81781cff48780548657c35949f4b7f25e99a2ba4de4f8

.PHONY: install lock browser demo test lint pytest rego-test fmt bench bench-scale bench-aws bench-aws-prowler clean

install: $(STAMP) $(OPA_STAMP)

# Every runtime, test and build dependency (pip and hatchling included) comes from the
# lock, by exact version and sha256, and nothing else: --no-deps keeps pip from pulling an
# unlocked package, and cspm-opa itself is built by the locked hatchling (no isolation).
# `pip check` then fails if the lock no longer satisfies pyproject's ranges: run `make lock`.
$(STAMP): $(LOCK) pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	$(PY) -m pip check
	touch $(STAMP)

# Re-resolve pyproject's ranges (dev extra and build backend) to today's releases, with the
# hashes of every file of each pinned version. Commit the result; CI installs only from it.
# Resolving needs only pip-tools from the venv, not a venv that matches pyproject: a new
# dependency is in pyproject but not yet in the lock, so installing first would fail.
$(VENV)/bin/pip-compile:
	$(MAKE) $(STAMP)

lock: $(VENV)/bin/pip-compile
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	  --extra dev --all-build-deps --no-emit-index-url --no-emit-find-links \
	  --upgrade --output-file $(LOCK) pyproject.toml

# OPA from the Go module proxy at a pinned version; never from a release download page.
# The stamp names the version, so changing OPA_VERSION rebuilds; Go's module and build
# caches (outside the checkout) make a rebuild on the same machine quick.
$(OPA_STAMP):
	mkdir -p $(TOOLS)
	CGO_ENABLED=0 GOBIN=$(TOOLS) GOFLAGS=-buildvcs=false go install github.com/open-policy-agent/opa@$(OPA_VERSION)
	$(OPA) version | grep -q "^Version: $(patsubst v%,%,$(OPA_VERSION))$$"
	touch $@

# Debian's Chromium, for the browser test of the HTML report (CI runs as root).
browser:
	@command -v chromium >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }
	@command -v chromium >/dev/null

# The official SARIF 2.1.0 schema, for validating our SARIF in tests: it ships in an npm
# package of Microsoft's SARIF SDK; pinned by version and checksum.
$(SARIF_SCHEMA):
	mkdir -p .tools/npm
	cd .tools/npm && npm pack --silent @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null
	tar -xzf .tools/npm/microsoft-jest-sarif-1.0.0-beta.0.tgz -C .tools/npm package/lib/schemas/sarif-2.1.0-rtm.5.json
	echo "$(SARIF_SHA256)  .tools/npm/package/lib/schemas/sarif-2.1.0-rtm.5.json" | sha256sum -c --quiet
	cp .tools/npm/package/lib/schemas/sarif-2.1.0-rtm.5.json $@

demo: install
	$(VENV)/bin/cspm-opa demo

test: install lint rego-test pytest

lint: install
	$(VENV)/bin/ruff check cspm_opa tests benchmarks scripts
	$(VENV)/bin/ruff format --check cspm_opa tests benchmarks scripts
	$(VENV)/bin/mypy
	$(OPA) fmt --fail --list rego rego_tests
	$(VENV)/bin/cspm-opa lint

pytest: install browser $(SARIF_SCHEMA)
	$(VENV)/bin/pytest -n 2 -q

rego-test: install
	$(VENV)/bin/cspm-opa test --threshold 90

fmt: install
	$(VENV)/bin/ruff format cspm_opa tests benchmarks
	$(VENV)/bin/ruff check --fix cspm_opa tests benchmarks
	$(OPA) fmt --write rego rego_tests

# The library's overhead over OPA (bench_evaluate), then the command line as a user runs
# it against `opa eval` (bench_cli): 10k and 100k resources, a mix of types and one type.
bench: install
	$(PY) benchmarks/bench_evaluate.py
	$(PY) benchmarks/bench_cli.py
	$(PY) -m benchmarks.bench_risk

# Scale: 1,000 generated accounts on one machine and on a two-worker Dask LocalCluster,
# 100k and 1M resources in one account (1M is streamed), and collecting 50 moto accounts
# with 30 ms added to every request: wall time, peak memory per process, checks per core.
bench-scale: install
	$(PY) benchmarks/bench_scale.py

bench-aws: install
	$(PY) benchmarks/bench_collect_aws.py --sizes 1000 10000

# Prowler lives in its own venv, outside the project's dependencies.
bench-aws-prowler: install
	test -x /tmp/prowler-venv/bin/prowler || (python3 -m venv /tmp/prowler-venv && /tmp/prowler-venv/bin/pip install -q prowler)
	$(PY) benchmarks/bench_collect_aws.py --prowler /tmp/prowler-venv/bin/prowler

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
