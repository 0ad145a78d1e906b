#!/bin/sh
# Installs (or uninstalls) GoalWatch the way an operator runs it: the binary, the systemd units, the
# journal catalog, reference copies of the example configuration and the shipped rules, and — only where
# none exists yet — /etc/goalwatch/goalwatch.yml and /etc/goalwatch/rules/. Existing files in /etc are never
# overwritten; uninstall keeps /etc/goalwatch and the state in /var/lib/goalwatch.
#
#   deploy/install.sh install      (as root; `make install` runs this)
#   deploy/install.sh uninstall
#
# Environment: BINARY (the goalwatch executable to install, default .build/release/goalwatch), PREFIX
# (default /usr), DESTDIR (a staging root: nothing outside it is touched and systemd is not told).
set -eu

action=${1:-install}
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
PREFIX=${PREFIX:-/usr}
DESTDIR=${DESTDIR:-}
BINARY=${BINARY:-$top/.build/release/goalwatch}

bindir=$DESTDIR$PREFIX/bin
unitdir=$DESTDIR$PREFIX/lib/systemd/system
catalogdir=$DESTDIR$PREFIX/lib/systemd/catalog
sharedir=$DESTDIR$PREFIX/share/goalwatch
confdir=$DESTDIR/etc/goalwatch

# Tells the running systemd and journald about changed units and catalog, when installing for real.
notify_systemd() {
  [ -z "$DESTDIR" ] || return 0
  if [ -d /run/systemd/system ]; then systemctl daemon-reload; fi
  if command -v journalctl >/dev/null 2>&1; then journalctl --update-catalog; fi
}

# install_new SOURCE TARGET: installs SOURCE as TARGET (mode 0644) unless TARGET exists.
install_new() {
  if [ -e "$2" ]; then
    echo "kept $2 (exists; the shipped version is in $sharedir)"
  else
    install -D -m 0644 "$1" "$2"
  fi
}

case $action in
install)
  if [ ! -x "$BINARY" ]; then
    echo "install.sh: no goalwatch executable at $BINARY; build it first (make, or" \
      "swift build -c release --static-swift-stdlib) or set BINARY=PATH" >&2
    exit 1
  fi
  install -D -m 0755 "$BINARY" "$bindir/goalwatch"
  for unit in goalwatch.service goalwatch.socket; do
    install -D -m 0644 "$here/$unit" "$unitdir/$unit"
  done
  if [ "$PREFIX" != /usr ]; then
    sed -i "s|/usr/bin/goalwatch|$PREFIX/bin/goalwatch|g" "$unitdir/goalwatch.service"
  fi
  install -D -m 0644 "$here/goalwatch.catalog" "$catalogdir/goalwatch.catalog"

  install -D -m 0644 "$here/goalwatch.yml" "$sharedir/goalwatch.yml"
  install -d -m 0755 "$sharedir/rules/examples" "$confdir/rules/examples"
  for rule in "$top"/rules/*.yml; do install -m 0644 "$rule" "$sharedir/rules/"; done
  for rule in "$top"/rules/examples/*.yml; do install -m 0644 "$rule" "$sharedir/rules/examples/"; done

  install_new "$here/goalwatch.yml" "$confdir/goalwatch.yml"
  for rule in "$top"/rules/*.yml; do install_new "$rule" "$confdir/rules/$(basename "$rule")"; done
  for rule in "$top"/rules/examples/*.yml; do install_new "$rule" "$confdir/rules/examples/$(basename "$rule")"; done

  notify_systemd
  if [ -z "$DESTDIR" ]; then
    echo "installed; next: put secrets in /etc/credstore/goalwatch.NAME, edit /etc/goalwatch/goalwatch.yml," \
      "run goalwatch check, then systemctl enable --now goalwatch (docs/operations.md)"
  fi
  ;;
uninstall)
  if [ -z "$DESTDIR" ] && [ -d /run/systemd/system ]; then
    systemctl disable --now goalwatch.socket goalwatch.service 2>/dev/null || true
  fi
  rm -f "$bindir/goalwatch" "$unitdir/goalwatch.service" "$unitdir/goalwatch.socket" "$catalogdir/goalwatch.catalog"
  rm -rf "$sharedir"
  notify_systemd
  echo "uninstalled; kept $confdir (configuration and rules) and /var/lib/goalwatch (the store); remove them by hand if unwanted"
  ;;
*)
  echo "usage: $0 install|uninstall" >&2
  exit 2
  ;;
esac
