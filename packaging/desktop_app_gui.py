"""PyInstaller entry point of the window (``desktop-app``)."""

import sys

from desktop_app.app import main

sys.exit(main())
