"""The meeting, its ballots and the tally: pure Python, no Qt and no database.

Everything that decides something lives here and is unit-tested.
"""
