"""Errors a user can cause. Messages are Bahasa Indonesia and name the row, field, file or key."""


class SinovdaError(Exception):
    """Base of every error caused by the user's input; the CLI shows it and exits 2."""


class InputTidakValid(SinovdaError, ValueError):
    """A value a user gave is not acceptable (the message says which field and why)."""


class BerkasTidakValid(SinovdaError):
    """A file (roster, settings, workbook) is malformed; the message names the file and key/row."""


class AksesDitolak(SinovdaError):
    """The access policy refuses this read or write (not your data, a trainer-only module, a test
    already submitted, or not logged in); the message says why."""


class BerubahDiTempatLain(SinovdaError):
    """Compare-and-set failed: the answer was saved elsewhere (another tab, device or the trainer)
    since it was loaded; nothing was written."""


class BatasTerlampaui(InputTidakValid):
    """A size limit was reached (one value, a participant's total, history); the message names the
    field and the limit in KB."""


class GagalPenyimpanan(SinovdaError):
    """The operating system or SQLite refused a write or read (disk full, read-only, permission
    denied, locked); the message is Indonesian and nothing saved before is lost."""
