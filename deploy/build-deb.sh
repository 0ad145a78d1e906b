#!/bin/sh
# Builds goalwatch_<version>_<arch>.deb from a built binary with dpkg-deb: the tree deploy/install.sh
# installs, /etc files as conffiles (dpkg asks before replacing an edited one), and maintainer scripts that
# reload systemd and the journal catalog but neither enable nor start the service on a first install.
#
#   deploy/build-deb.sh [--binary PATH] [--version X.Y.Z] [--output DIR] [--compression xz|gzip|none]
#                       [--allow-unpackaged-libraries]
#
# The binary defaults to .build/release/goalwatch (`make build` links the Swift runtime in). Depends is
# computed from the Debian packages that own the libraries it links; a library no package owns (a Swift
# runtime in /opt/swift) is an error unless --allow-unpackaged-libraries (for test machines that have it).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
binary=$top/.build/release/goalwatch
version=
output=$top/.build
allow_unpackaged=no
compression=xz
while [ $# -gt 0 ]; do
  case $1 in
    --binary) binary=$2; shift 2 ;;
    --version) version=$2; shift 2 ;;
    --output) output=$2; shift 2 ;;
    --compression) compression=$2; shift 2 ;;
    --allow-unpackaged-libraries) allow_unpackaged=yes; shift ;;
    *) echo "usage: $0 [--binary PATH] [--version X.Y.Z] [--output DIR] [--compression xz|gzip|none] [--allow-unpackaged-libraries]" >&2; exit 2 ;;
  esac
done
[ -x "$binary" ] || { echo "build-deb.sh: no executable at $binary; run make build first" >&2; exit 1; }
[ -n "$version" ] || version=$("$binary" version | awk '{print $2}')
arch=$(dpkg --print-architecture)

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
chmod 0755 "$staging"
DESTDIR=$staging PREFIX=/usr BINARY=$binary "$here/install.sh" install >/dev/null

# Depends: the package owning each library the binary itself needs (DT_NEEDED), found where ldd resolves
# it (merged /usr: dpkg may know it under /lib or /usr/lib).
needed=$(readelf -d "$binary" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p' | tr '\n' ' ')
depends=
for library in $(ldd "$binary" | awk -v needed=" $needed " '$2 == "=>" && $3 ~ /^\// && index(needed, " " $1 " ") {print $3}'); do
  package=
  for candidate in "$library" "$(readlink -f "$library")" "${library#/usr}" "/usr${library}"; do
    package=$(dpkg-query -S "$candidate" 2>/dev/null | head -n 1 | cut -d: -f1) && [ -n "$package" ] && break
  done
  if [ -z "$package" ]; then
    if [ "$allow_unpackaged" = yes ]; then continue; fi
    echo "build-deb.sh: $binary links $library, which no Debian package provides;" \
      "build with --static-swift-stdlib (make build)" >&2
    exit 1
  fi
  case " $depends " in *" $package "*) ;; *) depends="$depends $package" ;; esac
done
depends=$(echo $depends | tr ' ' '\n' | sort | paste -sd, - | sed 's/,/, /g')

mkdir -p "$staging/DEBIAN"
cat > "$staging/DEBIAN/control" <<CONTROL
Package: goalwatch
Version: $version
Architecture: $arch
Maintainer: GoalWatch maintainers <maintainers@goalwatch.invalid>
Depends: ${depends:-libc6}, systemd
Section: admin
Priority: optional
Installed-Size: $(du -sk --exclude=DEBIAN "$staging" | cut -f1)
Homepage: https://github.com/goalwatch/goalwatch
Description: alerting on marketing KPIs and SMART goals
 GoalWatch loads social-media metric exports, evaluates recording rules, alert
 rules and SMART goals over their history, and sends alerts to journald,
 webhooks, Slack, Microsoft Teams, PagerDuty or an Alertmanager. It runs as the
 hardened systemd service goalwatch.service.
CONTROL
(cd "$staging" && find etc -type f | sort | sed 's|^|/|') > "$staging/DEBIAN/conffiles"

cat > "$staging/DEBIAN/postinst" <<'SCRIPT'
#!/bin/sh
set -e
if [ "$1" = configure ]; then
  if [ -d /run/systemd/system ]; then systemctl daemon-reload || true; fi
  journalctl --update-catalog || true
  # A first install neither enables nor starts the service: secrets and goalwatch.yml come first
  # (docs/operations.md). An upgrade restarts it only if it was running.
  if [ -n "$2" ] && [ -d /run/systemd/system ]; then systemctl try-restart goalwatch.service || true; fi
fi
SCRIPT
cat > "$staging/DEBIAN/prerm" <<'SCRIPT'
#!/bin/sh
set -e
if [ "$1" = remove ] && [ -d /run/systemd/system ]; then
  systemctl disable --now goalwatch.socket goalwatch.service >/dev/null 2>&1 || true
fi
SCRIPT
cat > "$staging/DEBIAN/postrm" <<'SCRIPT'
#!/bin/sh
set -e
case "$1" in
remove|purge)
  if [ -d /run/systemd/system ]; then systemctl daemon-reload || true; fi
  journalctl --update-catalog >/dev/null 2>&1 || true
  ;;
esac
if [ "$1" = purge ]; then
  # The store and the rules folders: dpkg has already removed the conffiles.
  rm -rf /var/lib/private/goalwatch /var/lib/goalwatch
  rmdir /etc/goalwatch/rules/examples /etc/goalwatch/rules /etc/goalwatch 2>/dev/null || true
fi
SCRIPT
chmod 0755 "$staging/DEBIAN/postinst" "$staging/DEBIAN/prerm" "$staging/DEBIAN/postrm"

mkdir -p "$output"
package=$output/goalwatch_${version}_${arch}.deb
dpkg-deb --root-owner-group -Z"$compression" --build "$staging" "$package" >/dev/null
echo "$package"
