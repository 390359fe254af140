"""store.kelas_lain: the one rule for "this NIP is already in another class of the database"
(used by ``sinovda peserta impor`` and the Admin Kelas roster upload)."""

from __future__ import annotations

import uuid

from sinovda.domain.peserta import Peserta
from sinovda.hub.akun import DaftarAkun
from sinovda.store import Store
from sinovda.store.kelas_lain import terdaftar_di_kelas_lain


def _nip(u: str, i: int) -> str:
    return f"1980010{i}2005011{int(u[:3], 16) % 1000:03d}"


def test_kelas_lain_di_roster_atau_keanggotaan(pg_url):
    u = uuid.uuid4().hex[:6]
    a, b, c = (f"{x}{u}" for x in ("kla", "klb", "klc"))
    n1, n2, n3 = (_nip(u, i) for i in (1, 2, 3))
    Store.create(f"{pg_url}?kelas={a}", nama="A").upsert_peserta([Peserta(n1, "Satu")])
    Store.create(f"{pg_url}?kelas={b}", nama="B")
    Store.create(f"{pg_url}?kelas={c}", nama="C").upsert_peserta([Peserta(n1, "Satu")])
    # a member of A by account only (its roster row removed later, the account stays)
    DaftarAkun(f"{pg_url}?kelas={a}").sinkron_peserta([(n2, "Dua")])
    hasil = terdaftar_di_kelas_lain(f"{pg_url}?kelas={b}", [n1, n2, n3])
    assert hasil == {n1: sorted([a, c]), n2: [a]}
    # the class itself is never "another class"
    assert terdaftar_di_kelas_lain(f"{pg_url}?kelas={a}", [n1]) == {n1: [c]}


def test_kelas_folder_tidak_punya_kelas_lain(tmp_path):
    st = Store.create(tmp_path / "k", nama="K")
    st.upsert_peserta([Peserta("198001012005011001", "Satu")])
    assert terdaftar_di_kelas_lain(tmp_path / "k", ["198001012005011001"]) == {}
