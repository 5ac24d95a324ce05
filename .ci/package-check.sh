#!/usr/bin/env bash
# package-check.sh - the Linux package as a user gets it: the desktop file
# and AppStream metainfo validated, the .deb built with cargo-deb, its
# run-time dependencies installed from Debian, then `dpkg -i`, the installed
# files checked (binary, desktop entry, metainfo, every icon the desktop
# entry names), `accord --help` and a real database run from /usr/bin, and
# `dpkg -r` leaving nothing behind. Must run as root.
# PROFILE=dist (fat LTO, stripped) is what we ship; CI uses release for time.
set -euo pipefail
cd "$(dirname "$0")/.."
PROFILE="${PROFILE:-release}"
target_dir="${CARGO_TARGET_DIR:-target}"
APP_ID=org.accord.Accord

need() { command -v "$1" >/dev/null 2>&1; }
if ! need desktop-file-validate || ! need appstreamcli; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq desktop-file-utils appstream >/dev/null
fi

echo "--- validating the desktop entry and the metainfo"
desktop-file-validate "packaging/linux/$APP_ID.desktop"
appstreamcli validate --no-net --pedantic "packaging/linux/$APP_ID.metainfo.xml"
# Screenshots are files in this repository, referenced by their path.
for url in $(sed -n 's#.*<image[^>]*>\(.*\)</image>.*#\1#p' "packaging/linux/$APP_ID.metainfo.xml"); do
  path="packaging/${url#*/packaging/}"
  [ -s "$path" ] || { echo "screenshot $url: no file $path"; exit 1; }
  echo "screenshot: $path"
done

echo "--- building the .deb (profile $PROFILE)"
if ! need cargo-deb; then
  cargo install cargo-deb --locked --version 3.8.0 --quiet
fi
cargo build --locked --profile "$PROFILE" -p accord-app
rm -rf "$target_dir/debian"
cargo deb -p accord-app --profile "$PROFILE" --no-build
deb=$(ls "$target_dir"/debian/accord_*.deb)
dpkg-deb --info "$deb" | sed -n '/Package:/,/Description:/p'

echo "--- installing its dependencies from Debian, then dpkg -i"
if dpkg -s accord >/dev/null 2>&1; then dpkg -P accord; fi
depends=$(dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed -E 's/\(.*\)//; s/\|.*//; s/ //g' | grep -v '^$')
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $depends >/dev/null
dpkg -i "$deb"

echo "--- the installed files"
files=$(dpkg -L accord)
for f in /usr/bin/accord \
         "/usr/share/applications/$APP_ID.desktop" \
         "/usr/share/metainfo/$APP_ID.metainfo.xml" \
         "/usr/share/icons/hicolor/scalable/apps/$APP_ID.svg"; do
  grep -qx "$f" <<<"$files" || { echo "missing from dpkg -L: $f"; exit 1; }
done
for size in 48 128 256 512; do
  icon="/usr/share/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
  grep -qx "$icon" <<<"$files" || { echo "missing icon: $icon"; exit 1; }
  file "$icon" 2>/dev/null | grep -q "${size} x ${size}" || ! need file \
    || { echo "wrong size: $icon"; exit 1; }
done
# The application list shows the entry with the icon it names.
desktop-file-validate "/usr/share/applications/$APP_ID.desktop"
icon_name=$(sed -n 's/^Icon=//p' "/usr/share/applications/$APP_ID.desktop")
exec_line=$(sed -n 's/^Exec=//p' "/usr/share/applications/$APP_ID.desktop")
[ "$icon_name" = "$APP_ID" ] || { echo "Icon=$icon_name is not $APP_ID"; exit 1; }
command -v "${exec_line%% *}" | grep -qx /usr/bin/accord || { echo "Exec=$exec_line is not on PATH"; exit 1; }
appstreamcli validate --no-net "/usr/share/metainfo/$APP_ID.metainfo.xml"

echo "--- running the installed binary"
/usr/bin/accord --help | sed -n 1,3p
/usr/bin/accord --version
scratch=$(mktemp -d)
/usr/bin/accord --db "$scratch/accord.sqlite3" demo
/usr/bin/accord --db "$scratch/accord.sqlite3" cases list | grep -q 2025-0001
rm -rf "$scratch"

echo "--- dpkg -r"
dpkg -r accord
left=""
while read -r f; do
  [ -f "$f" ] && left="$left $f"
done <<<"$files"
[ -z "$left" ] || { echo "left behind:$left"; exit 1; }
dpkg -P accord >/dev/null
echo "package ok: $(basename "$deb")"
