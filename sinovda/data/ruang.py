"""Settings of the course app server (``app:`` in ``modul/pengaturan.yaml``).

``AturanRuang``: how long a kernel no browser is connected to may live
(``kernel_menganggur_detik``), how often the server looks (``periksa_detik``), how long a page
waits for a busy kernel's output before giving up (``tunggu_keluaran_detik``), how many
preheated kernels ``sinovda app`` keeps ready per course module at rest
(``kernel_siaga_per_modul``, 0 for none; each holds about 60 MB while it waits), and how many
more it prepares for the participants present in the room (``kernel_siaga_ruang_maks``, 0 for
none: one per browser active in the last ``peserta_aktif_detik``, for the module each is likely
to open next; see ``sinovda.cli.kolam_ruang``). A missing section or key takes its default; a
bad value raises ``BerkasTidakValid`` naming the key.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from sinovda.data.settings import Pembaca, _muat


@dataclass(frozen=True)
class AturanRuang:
    kernel_menganggur_detik: int = 60
    periksa_detik: int = 15
    tunggu_keluaran_detik: int = 300
    kernel_siaga_per_modul: int = 1
    kernel_siaga_ruang_maks: int = 40
    peserta_aktif_detik: int = 600


def _bulat(b: Pembaca, kunci: str, bawaan: int, maks: int) -> int:
    if b.ambil(kunci, wajib=False) is None:
        return bawaan
    nilai = b.bulat(kunci)
    if not 1 <= nilai <= maks:
        raise b.galat(kunci, f"harus bilangan bulat 1-{maks}, bukan '{nilai}'")
    return nilai


def _cacah(b: Pembaca, kunci: str, bawaan: int, maks: int) -> int:
    if b.ambil(kunci, wajib=False) is None:
        return bawaan
    nilai = b.bulat(kunci)
    if not 0 <= nilai <= maks:
        raise b.galat(kunci, f"harus bilangan bulat 0-{maks}, bukan '{nilai}'")
    return nilai


def parse_ruang(b: Pembaca) -> AturanRuang:
    """Build the app server settings from a parsed ``pengaturan.yaml``."""
    d = AturanRuang()
    return AturanRuang(
        kernel_menganggur_detik=_bulat(b, "app.kernel_menganggur_detik",
                                       d.kernel_menganggur_detik, 86_400),
        periksa_detik=_bulat(b, "app.periksa_detik", d.periksa_detik, 3_600),
        tunggu_keluaran_detik=_bulat(b, "app.tunggu_keluaran_detik",
                                     d.tunggu_keluaran_detik, 3_600),
        kernel_siaga_per_modul=_cacah(b, "app.kernel_siaga_per_modul",
                                      d.kernel_siaga_per_modul, 10),
        kernel_siaga_ruang_maks=_cacah(b, "app.kernel_siaga_ruang_maks",
                                       d.kernel_siaga_ruang_maks, 500),
        peserta_aktif_detik=_bulat(b, "app.peserta_aktif_detik", d.peserta_aktif_detik, 86_400),
    )


def load_ruang(path: str | os.PathLike[str] | None = None) -> AturanRuang:
    """The app server settings from ``path`` or ``modul/pengaturan.yaml`` (cached)."""
    return _muat("ruang", path, "pengaturan.yaml", parse_ruang)
