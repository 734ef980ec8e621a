"""The command-line fixtures of test_cli (a CLI runner on a fresh database), for the other
command-line test modules."""

from tests.cli.test_cli import cli, pycache, store

__all__ = ["cli", "pycache", "store"]
