# One Makefile for every set-up: `make demo` and `make test` both create .venv and install first,
# so a fresh clone needs nothing else.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
QM_FILES := $(patsubst resources/translations/%.ts,pos_gui/resources/translations/%.qm,$(wildcard resources/translations/*.ts))

export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: all venv postgresql demo test lint typecheck pytest bench chaos package package-deps package-test translations update-translations screenshots clean

all: test

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP) translations

# Qt Linguist sources (.ts) compile to .qm files inside the package, where the till loads them.
pos_gui/resources/translations/%.qm: resources/translations/%.ts $(STAMP)
	mkdir -p $(dir $@)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

translations: $(QM_FILES)

# After adding or changing a visible string: refresh the catalogue, then write the English for it
# (tests/gui/test_i18n.py fails until every entry is translated).
update-translations: $(STAMP)
	$(VENV)/bin/pyside6-lupdate $$(find pos_gui -name '*.py' | sort) -no-obsolete -ts resources/translations/pos_gui_en.ts

demo: venv
	$(PY) -m pos_gui --demo

lint: venv
	$(VENV)/bin/ruff check pos_gui pos_sim tests bench packaging tools
	$(VENV)/bin/ruff format --check pos_gui pos_sim tests bench packaging tools

# mypy, then the layer contracts of docs/architecture.md (pyproject.toml [tool.importlinter]).
typecheck: venv
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-cache

# The PostgreSQL server binaries for tests/integration/replication: the suite runs its own server
# (initdb into a temp folder, a free loopback port), no system service. Installs Debian's package
# once, as root; quick when the binaries are there. Without root it only says what is missing.
postgresql:
	@if ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || command -v initdb >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing PostgreSQL for the replication tests"; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get update -qq && apt-get install -y -qq --no-install-recommends postgresql >/dev/null; \
	else \
		echo "PostgreSQL server binaries missing: the replication tests need Debian's postgresql package" >&2; \
	fi

pytest: venv postgresql
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

test: lint typecheck pytest

bench: venv
	QT_QPA_PLATFORM=offscreen $(PY) -m bench

chaos: venv
	QT_QPA_PLATFORM=offscreen $(PY) -m bench.chaos $(if $(N),--checkouts $(N),)

package: venv
	$(PY) -m pip install --quiet -e '.[package]'
	$(PY) packaging/build.py

# Debian tools and the X/EGL libraries for the package smoke tests (Xvfb) and the NSIS check; needs root.
PACKAGE_TEST_DEBS := xvfb xauth nsis desktop-file-utils appstream libxcb-cursor0 libxkbcommon-x11-0 \
	libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0 libxcb-render-util0 libxcb-xinerama0 \
	libxcb-xfixes0 libegl1 libgl1 libdbus-1-3 libfontconfig1
package-deps:
	apt-get update -qq && apt-get install -y -qq $(PACKAGE_TEST_DEBS)

# Builds the .deb, unpacks it into a scratch root and runs the frozen till's smoke test (offscreen, Xvfb).
package-test: package
	POS_GUI_PACKAGE_TESTS=1 QT_QPA_PLATFORM=offscreen $(PY) -m pytest tests/packaging

screenshots: venv
	QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1366x768x24" $(PY) -m tools.screenshots

clean:
	rm -rf build dist .mypy_cache .ruff_cache .pytest_cache
