#!/bin/sh
# Put FocalPoint.app into a compressed disk image with a link to /Applications beside it, so that
# installing is dragging one icon onto the other. macOS only (hdiutil, ditto, PlistBuddy).
#
#   sh packaging/macos/make_dmg.sh [APP] [OUTPUT]
#
# APP defaults to dist/FocalPoint.app; OUTPUT to dist/FocalPoint-<version>-macos.dmg, the
# version read from the bundle's Info.plist (which the build took from the package metadata).
# Sign the .app before this step and notarise the .dmg after it (packaging/RELEASING.md).
set -eu

fail() { printf 'make_dmg.sh: %s\n' "$*" >&2; exit 1; }

[ "$(uname -s)" = Darwin ] || fail "hdiutil exists on macOS only."
app=${1:-dist/FocalPoint.app}
[ -d "$app/Contents" ] || fail "$app is not an application bundle; build it first (packaging/README.md)."
version=$(/usr/libexec/PlistBuddy -c 'Print :CFBundleShortVersionString' "$app/Contents/Info.plist") ||
    fail "$app/Contents/Info.plist has no CFBundleShortVersionString."
output=${2:-$(dirname -- "$app")/FocalPoint-$version-macos.dmg}

stage=$(mktemp -d "${TMPDIR:-/tmp}/focalpoint-dmg.XXXXXX")
trap 'rm -rf "$stage"' EXIT
trap 'exit 130' INT TERM

# ditto keeps what cp may drop: the code signature, extended attributes, symbolic links.
ditto "$app" "$stage/FocalPoint.app"
ln -s /Applications "$stage/Applications"

rm -f "$output"
hdiutil create -volname "FocalPoint $version" -srcfolder "$stage" -fs HFS+ \
    -format UDZO -imagekey zlib-level=9 -ov "$output"
hdiutil verify "$output"
printf 'Made %s\n' "$output"
