"""``StoreProtocol``: the store interface the forms, reports and dashboard use.

Both ``sinovda.store.Store`` (the SQLite file, self-study and the hub's store service) and
``sinovda.store.remote.RemoteStore`` (a participant's or facilitator's server under the hub)
satisfy it; code that takes "a store" should type it as ``StoreProtocol``.

Under the hub, ``RemoteStore`` ignores the ``peran``/``oleh`` a caller passes: the store service
decides them from the hub token (participant -> ``peserta``; facilitator ->
``fasilitator:<hub name>``), and passes ``harap_revisi`` through.
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from sinovda.domain.peserta import Peserta


@runtime_checkable
class StoreProtocol(Protocol):
    """What a store offers to forms, reports and the dashboard (see ``docs/arsitektur.md``)."""

    def kelas_info(self) -> dict[str, Any]:
        """``{"nama", "dibuat", "schema_version", "fasilitator"}``."""
        ...

    def daftar_peserta(self) -> list[Peserta]:
        """The roster (a participant under the hub: only themselves)."""
        ...

    def get_peserta(self, nip: str) -> Peserta | None:
        """One participant, or None."""
        ...

    def save(self, nip: str, modul: str, field: str, value: Any, *, oleh: str | None = None,
             harap_revisi: int | None = None, peran: str = "peserta") -> int:
        """Save one answer; returns the new revision id. Raises AksesDitolak,
        BerubahDiTempatLain, BatasTerlampaui, GagalPenyimpanan, InputTidakValid."""
        ...

    def load(self, nip: str, modul: str, field: str, default: Any = None) -> Any:
        """The current value, or ``default``."""
        ...

    def load_dengan_revisi(self, nip: str, modul: str, field: str,
                           default: Any = None) -> tuple[Any, int]:
        """(current value, revision id), or (``default``, 0) when never saved."""
        ...

    def load_modul(self, nip: str, modul: str) -> dict[str, Any]:
        """``{field: value}`` of one module."""
        ...

    def load_all(self, nip: str) -> dict[str, dict[str, Any]]:
        """``{modul: {field: value}}`` of one participant."""
        ...

    def load_all_peserta(self) -> dict[str, dict[str, dict[str, Any]]]:
        """``{nip: {modul: {field: value}}}`` of the class (facilitators)."""
        ...

    def history(self, nip: str, modul: str, field: str) -> list[Any]:
        """``list[Revisi]``: current first, then newest to oldest; each with ``oleh``."""
        ...

    def restore(self, nip: str, modul: str, field: str, revisi_id: int, *,
                oleh: str | None = None, harap_revisi: int | None = None,
                peran: str = "peserta") -> int:
        """Save an earlier revision's value again; returns the new revision id."""
        ...

    def last_activity(self) -> dict[str, str]:
        """``{nip: saved_at}`` of the latest answer per participant."""
        ...

    def export_workbook(self, nip: str) -> dict[str, Any]:
        """The participant's workbook (JSON format of ``sinovda.store.workbook``)."""
        ...


METODE: tuple[str, ...] = tuple(
    n for n in StoreProtocol.__dict__ if not n.startswith("_") and callable(
        getattr(StoreProtocol, n))
)
"""The method names of the protocol (a test compares both stores' signatures against them)."""
