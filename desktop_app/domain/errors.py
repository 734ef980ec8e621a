"""Errors a user can cause and fix: bad files, bad fields, duplicate serials.

Every such error names *where* the problem is (file, row, column, field) so that the window
and the command line can point the user at it. Programming errors stay ordinary exceptions.
"""

from __future__ import annotations


class DataError(Exception):
    """Bad input, with its location.

    ``row`` is the row number as a spreadsheet shows it (the header is row 1), ``column`` a
    column name, ``field`` a path inside a structured document such as
    ``categories[1].caps.好``.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.row = row
        self.column = column
        self.field = field

    def location(self) -> str:
        """Where the problem is, e.g. ``ballots.csv, row 3, column "海州大学"``."""
        parts: list[str] = []
        if self.file:
            parts.append(self.file)
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f'column "{self.column}"')
        if self.field is not None:
            parts.append(f"field {self.field}")
        return ", ".join(parts)

    def located(self, *, file: str | None = None) -> DataError:
        """The same error with ``file`` filled in where it was not known yet."""
        if self.file or not file:
            return self
        return DataError(
            self.message, file=file, row=self.row, column=self.column, field=self.field
        )

    def __str__(self) -> str:
        where = self.location()
        return f"{where}: {self.message}" if where else self.message
