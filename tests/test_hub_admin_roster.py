"""Admin Kelas roster upload on a hub serving several classes of one PostgreSQL database: a NIP
already in another class is refused (the whole roster, the NIP and the class named, nothing
imported), as ``sinovda peserta impor`` does. "Peserta mengulang dari kelas lain" (a checkbox on
the page, a field the store service checks) lets them in only for a trainer who also teaches
that other class; the account's name is never overwritten by this class's roster. The service is
the real ``buat_app`` serving both classes on a loopback port; the page is ``FormAdmin`` driven
from Python, talking to it over HTTP with ``KlienAdmin``.
"""

from __future__ import annotations

import datetime as dt
import random
import time
import uuid
from collections.abc import Iterator

import pytest
from test_hub_layanan import Layanan

from sinovda.domain.peserta import Peserta
from sinovda.forms.admin import FormAdmin
from sinovda.hub.admin import KlienAdmin
from sinovda.hub.akun import DaftarAkun
from sinovda.store import Store
from sinovda.store.admin import DataAdmin
from sinovda.store.remote import RemoteStore


def _nip(r: random.Random) -> str:
    """A NIP no other test's class of the shared test database holds."""
    return (f"19{r.randint(60, 99)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}"
            f"20{r.randint(10, 24)}{r.randint(1, 12):02d}{r.randint(1, 2)}{r.randint(100, 999)}")


@pytest.fixture
def dua_kelas(pg_url: str) -> Iterator[dict]:
    """Class A (older: participant X 'Ani Asli') and B (newer: participant Y); trainer ``fa``
    of A, ``fb`` of B, ``fab`` of both."""
    u, r = uuid.uuid4().hex[:6], random.Random()
    ka, kb = f"rs{u}-a", f"rs{u}-b"
    x, y, z = _nip(r), _nip(r), _nip(r)
    for kunci, p in ((ka, Peserta(x, "Ani Asli")), (kb, Peserta(y, "Yusuf"))):
        lokasi = f"{pg_url}?kelas={kunci}"
        Store.create(lokasi, nama=f"Kelas {kunci}").upsert_peserta([p])
        DaftarAkun(lokasi).sinkron_peserta([(p.nip, p.nama)])
        time.sleep(0.01)  # B is the newer class
    fa, fb, fab = f"fa{u}", f"fb{u}", f"fab{u}"
    DaftarAkun(f"{pg_url}?kelas={ka}").tambah_fasilitator(fa, "Fas A")
    DaftarAkun(f"{pg_url}?kelas={kb}").tambah_fasilitator(fb, "Fas B")
    DaftarAkun(f"{pg_url}?kelas={kb}").tambah_fasilitator(fab, "Fas AB")
    DaftarAkun(pg_url).gabung_fasilitator(fab, [ka])
    token = {"tok-fa": fa, "tok-fb": fb, "tok-fab": fab, "tok-x": x}
    srv = Layanan(pg_url, [ka, kb], token)
    yield {"srv": srv, "ka": ka, "kb": kb, "x": x, "y": y, "z": z,
           "la": f"{pg_url}?kelas={ka}", "lb": f"{pg_url}?kelas={kb}"}
    srv.berhenti()


def _unggah(form: FormAdmin, teks: str) -> None:
    form.unggah.value = ({"name": "roster-b.csv", "type": "text/csv", "size": len(teks),
                          "content": memoryview(teks.encode()),
                          "last_modified": dt.datetime.now(dt.UTC)},)


def _halaman(k: dict, token: str) -> FormAdmin:
    return FormAdmin(KlienAdmin(k["srv"].url, token, kelas=k["kb"]),
                     RemoteStore(k["srv"].url, token, kelas=k["kb"]))


def test_b_s_trainer_cannot_pull_a_s_participant_into_b(dua_kelas, pg_url: str):
    k = dua_kelas
    x, y, z, ka, kb = k["x"], k["y"], k["z"], k["ka"], k["kb"]
    roster = (f"NIP,Nama,Jabatan,OPD,Instansi\n{y},Yusuf,Staf,Dinas,Pemkab\n"
              f"{z},Zainal,Staf,Dinas,Pemkab\n{x},Nama Lain,Staf,Dinas,Pemkab\n")
    semua = DaftarAkun(pg_url)

    def tidak_berubah() -> None:
        assert [p.nip for p in Store.open(k["lb"]).daftar_peserta()] == [y]  # nothing imported
        assert semua.kelas_anggota(x) == [ka] and semua.get(z) is None
        assert semua.get(x).label == "Ani Asli"
        assert [p.nama for p in Store.open(k["la"]).daftar_peserta()] == ["Ani Asli"]

    form = _halaman(k, "tok-fb")
    # refused by default: the NIP and the other class named, in Indonesian, on the page
    _unggah(form, roster)
    form.tombol_impor.click()
    pesan = form.pesan.value
    assert "1 peserta sudah terdaftar di kelas lain" in pesan, pesan
    assert f"NIP {x} (Nama Lain) di kelas {ka}" in pesan and "tidak ada peserta yang diimpor" \
        in pesan and "Peserta mengulang dari kelas lain" in pesan
    assert "Ani Asli" not in pesan  # nothing of the other class but its key
    tidak_berubah()
    # "peserta mengulang": still refused for a trainer who does not teach A (403)
    form.kelas_lain.value = True
    form.tombol_impor.click()
    assert "akses ditolak" in form.pesan.value and "tidak Anda ampu" in form.pesan.value
    assert f"sinovda peserta impor ROSTER --kelas {kb} --kelas-lain" in form.pesan.value
    tidak_berubah()
    assert not [c for c in DataAdmin(k["lb"]).log() if c.aksi == "impor roster"]
    # a field that is not true/false is refused by the service
    r = k["srv"].minta("POST", f"/admin/roster?kelas={kb}", "tok-fb",
                       {"nama_berkas": "r.csv", "isi": "TklQ", "kelas_lain": "ya"})
    assert r[0] == 400 and "'kelas_lain' harus true atau false" in r[1]["pesan"]

    # a trainer of A and B with the option: X repeats in B; their name stays theirs
    form = _halaman(k, "tok-fab")
    _unggah(form, roster)
    form.kelas_lain.value = True
    form.tombol_impor.click()
    assert "diimpor: 3 peserta dibaca, 2 baru" in form.pesan.value, form.pesan.value
    assert form.kelas_lain.value is False  # decided again for the next roster
    assert sorted(p.nip for p in Store.open(k["lb"]).daftar_peserta()) == sorted([x, y, z])
    assert semua.kelas_anggota(x) == [kb, ka]  # newest first: their server is bound to B
    assert semua.get(x).label == "Ani Asli"  # not overwritten by B's roster
    assert semua.get(z).label == "Zainal"
    assert [p.nama for p in Store.open(k["la"]).daftar_peserta()] == ["Ani Asli"]
    log = DataAdmin(k["lb"]).log()[0]
    assert log.oleh == f"fasilitator:fab{ka[2:8]}"
    assert "peserta mengulang dari kelas lain diterima" in log.rincian


def test_names_of_this_class_are_still_corrected_by_its_own_roster(dua_kelas, pg_url: str):
    """Only an account that belongs to another class keeps its name: a participant of B
    alone gets the corrected name from B's roster."""
    k = dua_kelas
    form = _halaman(k, "tok-fb")
    _unggah(form, f"NIP,Nama,Jabatan,OPD,Instansi\n{k['y']},Yusuf Saputra,Staf,Dinas,Pemkab\n")
    form.tombol_impor.click()
    assert "1 diperbarui" in form.pesan.value, form.pesan.value
    assert DaftarAkun(pg_url).get(k["y"]).label == "Yusuf Saputra"
