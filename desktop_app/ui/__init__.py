"""PySide6 screens over the domain and the store. Nothing below ``ui`` is imported by the core."""
