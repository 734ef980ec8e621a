"""Scanned ballots in the window: the review screen beside ballot entry."""

from desktop_app.ui.scan.review import ScanReviewPanel

__all__ = ["ScanReviewPanel"]
