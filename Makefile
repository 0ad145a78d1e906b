# Build, install and package GoalWatch. `make` builds a release binary with the Swift runtime linked in;
# `make install` (as root) installs it with its units, catalog, configuration and rules; see
# docs/operations.md. PREFIX, DESTDIR and BINARY are passed on to deploy/install.sh.
PREFIX ?= /usr
DESTDIR ?=
SWIFT ?= swift
BINARY ?= .build/release/goalwatch

all: build

build:
	$(SWIFT) build -c release --static-swift-stdlib --product goalwatch

install:
	PREFIX="$(PREFIX)" DESTDIR="$(DESTDIR)" BINARY="$(BINARY)" deploy/install.sh install

uninstall:
	PREFIX="$(PREFIX)" DESTDIR="$(DESTDIR)" deploy/install.sh uninstall

deb:
	deploy/build-deb.sh --binary "$(BINARY)"

.PHONY: all build install uninstall deb
