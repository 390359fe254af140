"""sinovda.store: the class workspace (one SQLite file), answers with history, workbooks."""

from sinovda.store.store import Revisi, Store

__all__ = ["Revisi", "Store"]
