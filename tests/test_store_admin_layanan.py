"""The admin data of a PostgreSQL class through the store service: the trainer's grading stays
hidden from the participant until the results are released, and a module the trainer locked
refuses the participant's save over HTTP (403), as on a SQLite class
(tests/test_hub_layanan.py). The service app is the real ``buat_app`` on a free loopback port
(``Layanan`` of tests/test_hub_layanan.py); only the hub's token lookup is a table."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from test_hub_layanan import Layanan

from sinovda.domain.errors import AksesDitolak
from sinovda.domain.peserta import Peserta
from sinovda.hub.akun import DaftarAkun
from sinovda.store import Store
from sinovda.store.admin import DataAdmin

A, B = "198503152010011001", "197506171999042901"  # tokens tok-a / tok-b of test_hub_layanan


@pytest.fixture
def layanan_pg(pg_url: str) -> Iterator[tuple[str, Layanan]]:
    """(class locator, the service serving it): a PostgreSQL class with A, B and ratna, in a
    database of its own (accounts are database-wide: 'ratna' must not leak to other tests)."""
    import psycopg

    db = f"admin_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {db}")
    lokasi = f"{pg_url.rsplit('/', 1)[0]}/{db}?kelas=rilis"
    st = Store.create(lokasi, nama="Angkatan Uji PostgreSQL")
    st.upsert_peserta([Peserta(A, "Wédari"), Peserta(B, "Ṛai")])
    st.close()
    akun = DaftarAkun(lokasi)
    akun.sinkron_peserta([(A, "Wédari"), (B, "Ṛai")])
    akun.tambah_fasilitator("ratna", "Dr. Ratna")
    srv = Layanan(lokasi)  # type: ignore[arg-type]  # a locator where a folder would go
    yield lokasi, srv
    srv.berhenti()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE {db} WITH (FORCE)")


def test_release_shows_the_grading_through_the_service_on_postgresql(
        layanan_pg: tuple[str, Layanan]):
    lokasi, srv = layanan_pg
    ra, rb, rf = srv.remote("tok-a"), srv.remote("tok-b"), srv.remote("tok-f")
    rf.save(A, "penilaian", "catatan", "Perjelas indikator")
    rf.save(B, "penilaian", "catatan", "Bagus")
    assert ra.load(A, "penilaian", "catatan") is None
    assert "penilaian" not in ra.load_all(A)
    assert ra.history(A, "penilaian", "catatan") == []
    assert rf.load(A, "penilaian", "catatan") == "Perjelas indikator"
    DataAdmin(lokasi).rilis([A], oleh="fasilitator:ratna")
    assert ra.load(A, "penilaian", "catatan") == "Perjelas indikator"
    assert ra.load_all(A)["penilaian"] == {"catatan": "Perjelas indikator"}
    assert rb.load(B, "penilaian", "catatan") is None  # released to A only
    DataAdmin(lokasi).rilis(None, oleh="fasilitator:ratna")
    assert rb.load(B, "penilaian", "catatan") == "Bagus"
    DataAdmin(lokasi).tarik(None, oleh="fasilitator:ratna")
    assert ra.load(A, "penilaian", "catatan") is None  # withdrawn: hidden again


def test_a_locked_module_refuses_the_participant_through_the_service_on_postgresql(
        layanan_pg: tuple[str, Layanan]):
    lokasi, srv = layanan_pg
    ra, rf = srv.remote("tok-a"), srv.remote("tok-f")
    ra.save(A, "masalah", "akar_masalah", "antrean loket")
    DataAdmin(lokasi).kunci("masalah", oleh="fasilitator:ratna")
    with pytest.raises(AksesDitolak, match="dikunci fasilitator"):
        ra.save(A, "masalah", "akar_masalah", "diubah")
    assert ra.load(A, "masalah", "akar_masalah") == "antrean loket"
    rf.save(A, "masalah", "akar_masalah", "dikoreksi pelatih")  # the trainer still may
    DataAdmin(lokasi).buka("masalah", oleh="fasilitator:ratna")
    ra.save(A, "masalah", "akar_masalah", "dibuka lagi")
    assert rf.load(A, "masalah", "akar_masalah") == "dibuka lagi"


def test_the_admin_page_operations_work_on_a_postgresql_class(layanan_pg: tuple[str, Layanan],
                                                             tmp_path, monkeypatch):
    from sinovda.hub.admin import OperasiAdmin, folder_laporan

    lokasi, _ = layanan_pg
    op = OperasiAdmin(lokasi, oleh="fasilitator:ratna")
    assert op.kunci_modul("monev", True) == ["monev"]
    assert op.rilis([A]) == [A]
    assert op.atur_setelan({"tempat": "Kota Bandung", "jp": "24"}) == {
        "tempat": "Kota Bandung", "jp": 24}
    r = op.ringkas()
    assert r["modul_terkunci"] == ["monev"] and r["rilis"] == [A]
    assert [p["nip"] for p in r["peserta"]] == [A, B]  # by name, code point order as SQLite
    assert {(c["oleh"], c["aksi"]) for c in r["log"]} >= {
        ("fasilitator:ratna", "kunci modul"), ("fasilitator:ratna", "rilis hasil"),
        ("fasilitator:ratna", "setelan kelas")}
    assert op.hasil(A)["dirilis"] is True and op.hasil(B) == {
        "dirilis": False, "nip": B, "nama": "Ṛai"}
    # reports of a PostgreSQL class: where `sinovda laporan` writes them, not a "postgresql:" tree
    monkeypatch.chdir(tmp_path)
    kunci = lokasi.rsplit("=", 1)[1]
    assert folder_laporan(lokasi) == tmp_path / f"laporan-{kunci}"


def test_the_public_certificate_check_works_on_a_postgresql_class(
        layanan_pg: tuple[str, Layanan]):
    import urllib.parse
    import urllib.request

    lokasi, srv = layanan_pg
    s = DataAdmin(lokasi).terbitkan(A, "Wédari", "2026-03-12")

    def periksa(kode: str) -> str:
        url = srv.url + "api/verifikasi?" + urllib.parse.urlencode({"kode": kode})
        with urllib.request.urlopen(url, timeout=20) as r:  # no token: public
            return r.read().decode("utf-8")

    halaman = periksa(s.kode)
    assert "ASLI." in halaman and "Wédari" in halaman and "Angkatan Uji PostgreSQL" in halaman
    assert "TIDAK ASLI" in periksa("SNV-2222-3333-4444-5555")


def test_the_admin_kelas_page_locks_releases_and_sets_on_postgresql(
        layanan_pg: tuple[str, Layanan]):
    from sinovda.forms.admin import FormAdmin
    from sinovda.hub.admin import OperasiAdmin

    lokasi, _ = layanan_pg
    form = FormAdmin(OperasiAdmin(lokasi, oleh="fasilitator:ratna"), Store.open(lokasi))
    assert "2 peserta" in form.tabel_peserta.value
    form.kotak_modul["masalah"].value = True
    assert DataAdmin(lokasi).modul_terkunci() == {"masalah"}
    with pytest.raises(AksesDitolak):
        Store.open(lokasi).save(A, "masalah", "akar_masalah", "x")
    form.rilis_pilih.value = (B,)
    form.tombol_rilis_pilih.click()
    assert DataAdmin(lokasi).daftar_rilis() == {B} and "1 peserta" in form.status_rilis.value
    form.setelan["tanggal_mulai"].value = "2026-03-09"
    form.setelan["tanggal_selesai"].value = "9 Maret"
    form.tombol_setelan.click()
    assert "tidak sah" in form.pesan.value and DataAdmin(lokasi).setelan() == {}
