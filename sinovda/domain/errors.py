"""Errors a user can cause. Messages are Bahasa Indonesia and name the row, field, file or key."""


class SinovdaError(Exception):
    """Base of every error caused by the user's input; the CLI shows it and exits 2."""


class InputTidakValid(SinovdaError, ValueError):
    """A value a user gave is not acceptable (the message says which field and why)."""


class BerkasTidakValid(SinovdaError):
    """A file (roster, settings, workbook) is malformed; the message names the file and key/row."""
