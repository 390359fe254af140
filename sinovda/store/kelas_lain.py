"""Which participants of a roster already belong to another class of the same database.

Accounts of a PostgreSQL database are database-wide: a NIP enrolled in a second class works on
the hub in the newest class from then on. ``sinovda peserta impor`` and the Admin Kelas roster
upload both refuse such a roster unless the participant is known to repeat the course; this is
the one place that decides who is "in another class" (on another class's roster, or a member of
another class). A class folder (SQLite) has its own accounts: nobody is ever in another class.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sinovda.store import pg
from sinovda.store.akun import buka_akun


def terdaftar_di_kelas_lain(lokasi: Any, nips: Iterable[str]) -> dict[str, list[str]]:
    """``{nip: [class keys]}`` for each of ``nips`` on the roster of another class of the
    database of ``lokasi`` (a PostgreSQL class locator), or a member of one; sorted by NIP,
    keys sorted. Empty for a class folder. A class whose key predates the strict key check
    (``pg.kunci_sah``) is skipped: it cannot be opened by key and must not stop every import."""
    from sinovda.store import Store

    dicari = {str(n).strip() for n in nips}
    if not dicari or not pg.dipilih(lokasi):
        return {}
    url, kunci = pg.urai(lokasi)
    temuan: dict[str, set[str]] = {}
    for k, _nama in pg.daftar_kelas(url):
        if k == kunci or not pg.kunci_sah(k):
            continue
        lain = Store.open(pg.lokasi_kelas(url, k))
        try:
            for p in lain.daftar_peserta():
                if p.nip in dicari:
                    temuan.setdefault(p.nip, set()).add(k)
        finally:
            lain.close()
    akun = buka_akun(url)
    for nip in dicari:
        for k in akun.kelas_anggota(nip.lower()):
            if k != kunci:
                temuan.setdefault(nip, set()).add(k)
    return {nip: sorted(temuan[nip]) for nip in sorted(temuan)}
