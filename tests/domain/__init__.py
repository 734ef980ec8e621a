"""Tests of desktop_app.domain: pure Python, no Qt and no database."""
