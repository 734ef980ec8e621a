"""PDF documents (reportlab platypus), one module per kind, with shared fonts and styles.

Reads domain objects only: no Qt, no SQL.
"""
