"""Standortkompass: Zukunftsstrategie für den Wirtschaftsstandort."""

__version__ = "0.1.0"
