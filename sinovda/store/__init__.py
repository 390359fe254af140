"""sinovda.store: the class workspace (one SQLite file), answers with history, workbooks."""

from sinovda.store.protocol import StoreProtocol
from sinovda.store.store import Revisi, RingkasanImpor, Store

__all__ = ["Revisi", "RingkasanImpor", "Store", "StoreProtocol"]
