"""PyInstaller entry point of the headless commands (``desktop-app-cli``)."""

import sys

from desktop_app.cli import main

sys.exit(main())
