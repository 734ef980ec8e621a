"""PySide6 screens over the domain and the store. Nothing below ``ui`` is imported by the core.

Importing the package applies :func:`~desktop_app.ui.refcount_guard.guard_singleton_refcounts`
before any model or signal is used (see that module for the PySide6 bug it works around).
"""

from desktop_app.ui.refcount_guard import guard_singleton_refcounts

guard_singleton_refcounts()
