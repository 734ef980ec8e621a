#!/usr/bin/env bash
# Build the one-folder bundle dist/desktop-app/ (desktop-app and desktop-app-cli) on Linux or
# macOS: compiles the translations, then runs PyInstaller on packaging/desktop-app.spec.
# Windows: see README.md "Packaging" (the same two uv commands in PowerShell).
set -euo pipefail
cd "$(dirname "$0")/.."
# The compiled .qm must match the .ts; untranslated strings do not stop a build (the tests
# catch them), so the report's exit status is ignored here.
uv run python packaging/translations.py --no-update || true
uv run pyinstaller --noconfirm --clean --log-level WARN \
  --distpath "${DIST_DIR:-dist}" --workpath "${BUILD_DIR:-build}" packaging/desktop-app.spec
# Linux: the per-user installer and menu entry travel with the folder (README: Packaging).
if [ "$(uname -s)" = Linux ]; then
  cp packaging/linux/install.sh packaging/linux/desktop-app.desktop "${DIST_DIR:-dist}/desktop-app/"
fi
echo "built ${DIST_DIR:-dist}/desktop-app/ ($(du -sh "${DIST_DIR:-dist}/desktop-app" | cut -f1))"

# Linux: the X11 platform plugin loads libxcb-* helper libraries that many desktops lack.
# PyInstaller copies those it finds on this machine, so each must be installed here, or the
# bundle would start only where they happen to be installed too.
if [ "$(uname -s)" = Linux ]; then
  internal="${DIST_DIR:-dist}/desktop-app/_internal"
  missing=$(LD_LIBRARY_PATH="$internal" ldd "$internal/PySide6/Qt/plugins/platforms/libqxcb.so" \
    | awk '/not found/ {print $1}' | tr '\n' ' ')
  if [ -n "$missing" ]; then
    echo "build: the X11 plugin needs libraries this machine lacks: $missing" >&2
    echo "build: install them (Debian/Ubuntu: sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-randr0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0) and build again" >&2
    exit 1
  fi
fi
