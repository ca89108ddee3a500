#!/bin/sh
# Install FocalPoint for the current user only: no administrator rights, nothing outside $HOME.
#
#   sh install.sh [--from FROZEN_FOLDER] [DESTINATION]
#
# Copies the frozen FocalPoint folder to DESTINATION (~/.local/opt/FocalPoint unless given),
# links ~/.local/bin/focalpoint to it, and installs the desktop entry, the icons, the AppStream
# metainfo and the submission packages' file type under ~/.local/share (or $XDG_DATA_HOME).
# Running it again upgrades in place: the old copy is replaced only once the new one is whole.
# The workspace (~/.local/share/FocalPoint) is never touched; uninstall.sh keeps it too.
#
# Where it finds what it installs (the first that exists):
#   the frozen folder: --from, then FocalPoint/ beside this script (the release archive),
#     then this script's own folder, then dist/FocalPoint/ of the source checkout;
#   the desktop files: resources/ beside this script (the release archive), then the
#     checkout's resources/.
set -eu

APP_ID=org.crmsv.FocalPoint
MARKER=.focalpoint-install

say() { printf '%s\n' "$*"; }
fail() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

usage() {
    say "Usage: sh install.sh [--from FROZEN_FOLDER] [DESTINATION]"
    say "Installs FocalPoint for this user (default destination: ~/.local/opt/FocalPoint)."
}

[ -n "${HOME:-}" ] || fail "HOME is not set."

from=""
dest=""
while [ $# -gt 0 ]; do
    case $1 in
        -h | --help) usage; exit 0 ;;
        --from) [ $# -ge 2 ] || fail "--from needs a folder."; from=$2; shift 2 ;;
        --from=*) from=${1#--from=}; shift ;;
        -*) usage >&2; fail "unknown option: $1" ;;
        *) [ -z "$dest" ] || fail "only one destination may be given."; dest=$1; shift ;;
    esac
done

here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
bin_dir=$HOME/.local/bin
[ -n "$dest" ] || dest=$HOME/.local/opt/FocalPoint

# The executable's name in a frozen folder: `focalpoint` on Linux (FocalPoint elsewhere).
executable_in() {
    for name in focalpoint FocalPoint; do
        if [ -f "$1/$name" ] && [ -x "$1/$name" ]; then
            say "$name"
            return 0
        fi
    done
    return 1
}

if [ -z "$from" ]; then
    for candidate in "$here/FocalPoint" "$here" "$here/../../dist/FocalPoint"; do
        if [ -d "$candidate" ] && executable_in "$candidate" >/dev/null; then
            from=$candidate
            break
        fi
    done
    [ -n "$from" ] || fail "no frozen FocalPoint folder found; build it (packaging/README.md) or give --from FOLDER."
fi
[ -d "$from" ] || fail "$from is not a folder."
from=$(CDPATH='' cd -- "$from" && pwd)
exe=$(executable_in "$from") || fail "$from holds no executable named focalpoint or FocalPoint."

resources=""
for candidate in "$here/resources" "$here/../../resources"; do
    if [ -f "$candidate/linux/$APP_ID.desktop" ]; then
        resources=$(CDPATH='' cd -- "$candidate" && pwd)
        break
    fi
done
[ -n "$resources" ] || fail "the desktop files (resources/linux/$APP_ID.desktop) are missing."

# The desktop entry names the executable by its full path, double-quoted; refusing the few
# characters that would need escaping inside those quotes keeps that simple and exact.
case $dest in
    /*) ;;
    *) dest=$(pwd)/$dest ;;
esac
case $dest in
    *'"'* | *'`'* | *'$'* | *'\'* | *'%'* | *'
'*) fail "choose a destination without \" \` \$ \\ % or a line break in its path." ;;
esac
dest=${dest%/}
case $from/ in
    "$dest"/*) fail "the destination is the frozen folder itself." ;;
esac
case $dest/ in
    "$from"/*) fail "the destination cannot be inside the frozen folder." ;;
esac

# Never replace a folder this script did not make: DESTINATION might be a typing slip for a
# folder full of someone's files (or the workspace itself).
if [ -e "$dest" ] || [ -L "$dest" ]; then
    if [ ! -f "$dest/$MARKER" ] && [ -n "$(ls -A "$dest" 2>/dev/null || say x)" ]; then
        fail "$dest already exists and is not a FocalPoint installation; choose another folder."
    fi
fi

parent=$(dirname -- "$dest")
mkdir -p "$parent"
stage=$parent/.FocalPoint-installing.$$
old=$parent/.FocalPoint-replaced.$$
cleanup() { rm -rf "$stage"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# 1. The program: copied whole beside the old one, then swapped in.
say "Copying $from to $dest ..."
mkdir "$stage"
cp -RP "$from/." "$stage/"
cp "$here/uninstall.sh" "$stage/uninstall.sh" 2>/dev/null || true
printf '%s\nexecutable=%s\n' "$APP_ID" "$exe" >"$stage/$MARKER"
if [ -e "$dest" ]; then
    mv "$dest" "$old"
    mv "$stage" "$dest"
    rm -rf "$old"
else
    mv "$stage" "$dest"
fi

# 2. The command: ~/.local/bin/focalpoint, unless something that is not our link is there
# (a `pip install --user focalpoint`, say), which is left alone.
mkdir -p "$bin_dir"
link=$bin_dir/focalpoint
if [ -L "$link" ] || [ ! -e "$link" ]; then
    rm -f "$link"
    ln -s "$dest/$exe" "$link"
else
    say "Note: $link exists and is not a link to FocalPoint; it was left as it is."
fi

# 3. The desktop entry, with the executable's full path (a desktop session's PATH often lacks
# ~/.local/bin).
applications=$data_home/applications
mkdir -p "$applications"
entry=$applications/$APP_ID.desktop
while IFS= read -r line || [ -n "$line" ]; do
    case $line in
        Exec=*) printf 'Exec="%s" %%f\n' "$dest/$exe" ;;
        TryExec=*) printf 'TryExec=%s\n' "$dest/$exe" ;;
        *) printf '%s\n' "$line" ;;
    esac
done <"$resources/linux/$APP_ID.desktop" >"$entry.new"
mv "$entry.new" "$entry"

# 4. The icons, in every size of the hicolor theme.
for source in "$resources"/icons/hicolor/*/apps/"$APP_ID".*; do
    [ -f "$source" ] || continue
    size=$(basename -- "$(dirname -- "$(dirname -- "$source")")")
    target=$data_home/icons/hicolor/$size/apps
    mkdir -p "$target"
    cp "$source" "$target/"
done

# 5. The AppStream metainfo and the file type of the submission packages.
mkdir -p "$data_home/metainfo" "$data_home/mime/packages"
cp "$resources/linux/$APP_ID.metainfo.xml" "$data_home/metainfo/$APP_ID.metainfo.xml"
cp "$resources/linux/$APP_ID.mime.xml" "$data_home/mime/packages/$APP_ID.xml"

# 6. The desktop's caches, where the tools exist (a desktop without them reads the files).
if command -v update-mime-database >/dev/null 2>&1; then
    update-mime-database "$data_home/mime" >/dev/null 2>&1 ||
        say "Note: update-mime-database failed; packages may open in FocalPoint after logging in again."
fi
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$applications" 2>/dev/null ||
        say "Note: update-desktop-database failed; the menu may show FocalPoint after logging in again."
fi
# An icon cache is refreshed only where one already exists: a stale one would hide the new icons,
# and without one the desktop reads the folders themselves.
if command -v gtk-update-icon-cache >/dev/null 2>&1 &&
    [ -f "$data_home/icons/hicolor/icon-theme.cache" ]; then
    gtk-update-icon-cache -q -t -f "$data_home/icons/hicolor" 2>/dev/null || true
fi

say "FocalPoint is installed in $dest."
say "Start it from the applications menu, or with: $link"
case ":${PATH:-}:" in
    *":$bin_dir:"*) ;;
    *) say "($bin_dir is not on your PATH; add it to type just 'focalpoint'.)" ;;
esac
say "To remove it: sh \"$dest/uninstall.sh\" (your workspace is kept)."
