#!/bin/sh
# Remove what install.sh installed for this user. The workspace (the records, keys, settings and
# submissions) is kept unless --delete-workspace is given; either way this says where it is.
#
#   sh uninstall.sh [--delete-workspace] [DESTINATION]
#
# DESTINATION is the folder FocalPoint was installed in: found from ~/.local/bin/focalpoint
# when not given, else ~/.local/opt/FocalPoint. Running it twice is harmless.
set -eu

APP_ID=org.crmsv.FocalPoint
MARKER=.focalpoint-install

say() { printf '%s\n' "$*"; }
fail() { printf 'uninstall.sh: %s\n' "$*" >&2; exit 1; }

usage() {
    say "Usage: sh uninstall.sh [--delete-workspace] [DESTINATION]"
    say "Removes FocalPoint for this user; the workspace is kept unless --delete-workspace."
}

[ -n "${HOME:-}" ] || fail "HOME is not set."

delete_workspace=no
dest=""
while [ $# -gt 0 ]; do
    case $1 in
        -h | --help) usage; exit 0 ;;
        --delete-workspace) delete_workspace=yes; shift ;;
        -*) usage >&2; fail "unknown option: $1" ;;
        *) [ -z "$dest" ] || fail "only one destination may be given."; dest=$1; shift ;;
    esac
done

data_home=${XDG_DATA_HOME:-$HOME/.local/share}
link=$HOME/.local/bin/focalpoint
# Where the app keeps its workspace when no other folder is given: platformdirs'
# user_data_dir("FocalPoint", "RCM", roaming=True), which on Linux is $XDG_DATA_HOME/FocalPoint.
workspace=$data_home/FocalPoint

if [ -z "$dest" ] && [ -L "$link" ]; then
    target=$(readlink "$link")
    candidate=$(dirname -- "$target")
    if [ -f "$candidate/$MARKER" ]; then
        dest=$candidate
    fi
fi
[ -n "$dest" ] || dest=$HOME/.local/opt/FocalPoint
case $dest in
    /*) ;;
    *) dest=$(pwd)/$dest ;;
esac
dest=${dest%/}

# 1. The program, only from a folder install.sh made.
if [ -d "$dest" ]; then
    if [ -f "$dest/$MARKER" ]; then
        rm -rf "$dest"
        say "Removed $dest."
    else
        fail "$dest is not a FocalPoint installation (it has no $MARKER); nothing was removed."
    fi
fi

# 2. The command, if it is our link (into the folder just removed, or dangling).
if [ -L "$link" ]; then
    case $(readlink "$link") in
        "$dest"/*) rm -f "$link" ;;
        *) [ -e "$link" ] || rm -f "$link" ;;
    esac
fi

# 3. The desktop entry, the icons, the metainfo and the file type.
rm -f "$data_home/applications/$APP_ID.desktop" \
    "$data_home/metainfo/$APP_ID.metainfo.xml" \
    "$data_home/mime/packages/$APP_ID.xml"
for icon in "$data_home"/icons/hicolor/*/apps/"$APP_ID".*; do
    [ -e "$icon" ] || continue
    rm -f "$icon"
done

# 4. The desktop's caches, where the tools exist.
if command -v update-mime-database >/dev/null 2>&1 && [ -d "$data_home/mime/packages" ]; then
    update-mime-database "$data_home/mime" >/dev/null 2>&1 || true
fi
if command -v update-desktop-database >/dev/null 2>&1 && [ -d "$data_home/applications" ]; then
    update-desktop-database -q "$data_home/applications" 2>/dev/null || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1 &&
    [ -f "$data_home/icons/hicolor/icon-theme.cache" ]; then
    gtk-update-icon-cache -q -t -f "$data_home/icons/hicolor" 2>/dev/null || true
fi

say "FocalPoint is uninstalled."

# 5. The workspace.
if [ -d "$workspace" ]; then
    if [ "$delete_workspace" = yes ]; then
        rm -rf "$workspace"
        say "Deleted the workspace $workspace."
    else
        say "Your workspace (records, keys, settings and submissions) is kept in $workspace."
        say "Installing FocalPoint again finds it there. To delete it too, delete that folder."
    fi
elif [ "$delete_workspace" = yes ]; then
    say "There was no workspace in $workspace."
fi
if [ -n "${FOCALPOINT_DATA_DIR:-}" ]; then
    say "FOCALPOINT_DATA_DIR names $FOCALPOINT_DATA_DIR; that folder was not touched."
fi
