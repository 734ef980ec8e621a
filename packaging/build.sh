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
echo "built ${DIST_DIR:-dist}/desktop-app/ ($(du -sh "${DIST_DIR:-dist}/desktop-app" | cut -f1))"
