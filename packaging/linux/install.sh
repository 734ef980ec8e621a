#!/usr/bin/env bash
# Install the built bundle for the current user (no root needed):
#   bash install.sh            (run from inside the dist/desktop-app/ folder)
# Copies the folder to ~/.local/opt/desktop-app/, and adds the menu entry and icon so the
# program appears with the others (述职评议会议助手). `bash install.sh --uninstall` undoes it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
target="$HOME/.local/opt/desktop-app"
entry="$data/applications/desktop-app.desktop"
icon="$data/icons/hicolor/256x256/apps/desktop-app.png"

if [ "${1:-}" = --uninstall ]; then
  rm -rf "$target" "$entry" "$icon"
  echo "removed $target and its menu entry (meetings in your data folder are kept)"
  exit 0
fi
if [ ! -x "$here/desktop-app" ]; then
  echo "install.sh: run me from the built dist/desktop-app/ folder (no desktop-app beside me)" >&2
  exit 1
fi
if [ "$here" != "$target" ]; then
  mkdir -p "$(dirname "$target")"
  rm -rf "$target.new"
  cp -a "$here" "$target.new"
  rm -rf "$target"
  mv "$target.new" "$target"
fi
mkdir -p "$(dirname "$entry")" "$(dirname "$icon")"
sed "s|@EXEC@|$target/desktop-app|" "$target/desktop-app.desktop" > "$entry"
cp "$target/_internal/resources/icons/app.png" "$icon"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$data/applications" || true
echo "installed: $target (menu entry $entry)"
