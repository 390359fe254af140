"""Warm kernels in proportion to the room: who is present, and which module each opens next.

``Ruang`` records each browser's requests to ``sinovda app`` (``catat(sesi, notebook, waktu)``;
the course map is ``notebook=None``) and answers ``target(waktu)``: how many preheated kernels
each course module should have now.

- At rest: ``dasar`` per course module (``kernel_siaga_per_modul``): a lone laptop user keeps
  the small footprint of one waiting kernel per module.
- For the room: a browser is *present* for ``aktif_detik`` (``peserta_aktif_detik``) after its
  last request. The module it is likely to open next is the one after the last course module it
  opened (the first module for a browser that has only seen the course map). Each module gets
  one kernel per present browser heading to it, if that is more than ``dasar``; all kernels
  added for the room together are at most ``maks`` (``kernel_siaga_ruang_maks``), the modules
  with the most browsers first.

A room of 40 reading module 00 thus has 40 kernels waiting for module 01; when the room goes
quiet for ``aktif_detik`` the target falls back to ``dasar`` per module. Presence is known from
requests only: a participant who reads one page for longer than ``aktif_detik`` without opening
anything no longer counts, and their next page starts its kernel then (whole, a few seconds
slower). Pure: the clock is passed in (``time.monotonic()`` in the server).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Ruang:
    """The browsers present in the room and the warm kernels they call for."""

    urutan: tuple[str, ...]
    """The course modules' notebooks, in course order."""
    dasar: int = 1
    maks: int = 40
    aktif_detik: float = 600.0
    _hadir: dict[str, tuple[float, str | None]] = field(default_factory=dict)

    def catat(self, sesi: str, notebook: str | None, waktu: float) -> None:
        """Browser ``sesi`` asked for ``notebook`` (None: the course map) at ``waktu``. A visit
        to the map keeps the browser's last module; a page that is not a course module (the
        participant's results) counts as after the last module."""
        lama = self._hadir.get(sesi)
        terakhir = lama[1] if lama else None
        if notebook is not None:
            terakhir = notebook
        self._hadir[sesi] = (waktu, terakhir)

    def berikut(self, terakhir: str | None) -> str | None:
        """The module a browser whose last module is ``terakhir`` likely opens next."""
        if terakhir is None:
            return self.urutan[0] if self.urutan else None
        if terakhir not in self.urutan:
            return None
        i = self.urutan.index(terakhir) + 1
        return self.urutan[i] if i < len(self.urutan) else None

    def hadir(self, waktu: float) -> int:
        """How many browsers are present at ``waktu`` (the absent ones are forgotten)."""
        batas = waktu - self.aktif_detik
        for sesi in [s for s, (t, _) in self._hadir.items() if t < batas]:
            del self._hadir[sesi]
        return len(self._hadir)

    def target(self, waktu: float) -> dict[str, int]:
        """``{notebook: preheated kernels wanted}`` for every course module at ``waktu``."""
        self.hadir(waktu)
        menuju = Counter(self.berikut(t) for _, t in self._hadir.values())
        hasil = {nb: self.dasar for nb in self.urutan}
        sisa = max(0, self.maks)
        for nb, n in sorted(((nb, n) for nb, n in menuju.items() if nb in hasil),
                            key=lambda x: (-x[1], self.urutan.index(x[0]))):
            tambah = min(max(0, n - self.dasar), sisa)
            hasil[nb] += tambah
            sisa -= tambah
        return hasil
