"""Ballot entry (评议票录入): the typing screen, the ballot list, double entry, finalising."""

from desktop_app.ui.entry.screen import BallotsScreen

__all__ = ["BallotsScreen"]
