"""Admin and results routes of the store service over real HTTP (tornado on 127.0.0.1).

The hub's token check is replaced by a fixed token -> account table (the real hub is used in
tests/test_browser_admin.py); everything else is the real service, store and class DB.
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest
import requests
from conftest import port_bebas

from sinovda.domain.errors import AksesDitolak, BerkasTidakValid, InputTidakValid
from sinovda.domain.peserta import Peserta
from sinovda.hub.admin import KlienAdmin, OperasiAdmin
from sinovda.hub.akun import DaftarAkun
from sinovda.store import Store
from sinovda.store.admin import DataAdmin

A, B = "198503152010011001", "197506171999042901"
BARU = "199110182020101902"
TOKEN = {"tA": A, "tB": B, "tF": "fasuji"}
ROSTER_BURUK = (
    "NIP,Nama,Jabatan,OPD,Instansi\n"
    f"{BARU},Citra Dewi,Analis,Bappeda,Kota Denpasar\n"
    "198513322010011002,Dodi,Staf,Dinkes,Kota Denpasar\n"
    "123,Eka,Staf,Dinkes,Kota Denpasar\n"
)


@pytest.fixture
def layanan(tmp_path: Path):
    from tornado.httpserver import HTTPServer

    from sinovda.hub.layanan import buat_app

    kelas = tmp_path / "kelas"
    st = Store.create(kelas, nama="Kelas Uji Admin")
    st.upsert_peserta([Peserta(A, "Ani Lestari"), Peserta(B, "Budi Santoso")])
    akun = DaftarAkun(kelas)
    akun.sinkron_peserta([(A, "Ani Lestari"), (B, "Budi Santoso")])
    akun.tambah_fasilitator("fasuji", "Dr. Fasilitator Uji")

    async def identitas(token: str):
        return {"name": TOKEN[token]} if token in TOKEN else None

    port = port_bebas()
    siap = threading.Event()
    wadah: dict = {}

    def jalan() -> None:
        async def utama() -> None:
            server = HTTPServer(buat_app(kelas, identitas, "/layanan/"))
            server.listen(port, "127.0.0.1")
            wadah["berhenti"] = asyncio.Event()
            wadah["loop"] = asyncio.get_running_loop()
            siap.set()
            await wadah["berhenti"].wait()
            server.stop()

        asyncio.run(utama())

    t = threading.Thread(target=jalan, daemon=True)
    t.start()
    assert siap.wait(10)
    url = f"http://127.0.0.1:{port}/layanan/"
    yield kelas, url, {n: KlienAdmin(url, t) for t, n in TOKEN.items()}
    wadah["loop"].call_soon_threadsafe(wadah["berhenti"].set)
    t.join(10)


def test_hanya_fasilitator_yang_boleh_mengurus_kelas(layanan):
    kelas, _, k = layanan
    for aksi in (lambda: k[A].ringkas(), lambda: k[A].rilis(None),
                 lambda: k[A].reset_kode(B), lambda: k[A].buka_kunci(A),
                 lambda: k[A].impor_roster("r.csv", ROSTER_BURUK.encode()),
                 lambda: k[A].tambah_fasilitator("nakal"),
                 lambda: k[A].kunci_modul("masalah", True)):
        with pytest.raises(AksesDitolak):
            aksi()
    assert DataAdmin(kelas).daftar_rilis() == set() and DaftarAkun(kelas).get("nakal") is None
    r = k["fasuji"].ringkas()
    assert [p["nip"] for p in r["peserta"]] == [A, B]
    assert r["fasilitator"][0]["nama"] == "fasuji"


def test_roster_buruk_tidak_diimpor_lalu_diperbaiki(layanan):
    kelas, _, k = layanan
    with pytest.raises(InputTidakValid) as e:
        k["fasuji"].impor_roster("roster.csv", ROSTER_BURUK.encode())
    pesan = str(e.value)
    assert pesan.startswith("roster.csv") and "baris 3" in pesan and "baris 4" in pesan
    assert "/tmp" not in pesan  # the uploaded file's name, not a server path
    assert [p.nip for p in Store.open(kelas).daftar_peserta()] == [A, B]  # nothing imported
    baik = "\n".join(ROSTER_BURUK.splitlines()[:2]) + "\n"
    assert k["fasuji"].impor_roster("roster.csv", baik.encode()) == {
        "dibaca": 1, "baru": 1, "diperbarui": 0}
    assert Store.open(kelas).get_peserta(BARU).nama == "Citra Dewi"
    assert DaftarAkun(kelas).peran(BARU) == "peserta"  # a hub account, no passcode yet
    log = DataAdmin(kelas).log()
    assert log[0].oleh == "fasilitator:fasuji" and log[0].aksi == "impor roster"


def test_kode_baru_buka_kunci_dan_fasilitator(layanan):
    kelas, _, k = layanan
    akun = DaftarAkun(kelas)
    baru = k["fasuji"].reset_kode(A)
    assert akun.cek(A, baru["kode"]) is not None and baru["label"] == "Ani Lestari"
    assert k["fasuji"].buka_kunci(A) == {"dibuka": False}
    f = k["fasuji"].tambah_fasilitator("sri_w", "Sri Wahyuni, M.Si.")
    assert akun.cek("sri_w", f["kode"]).peran == "fasilitator"
    assert "Sri Wahyuni, M.Si." in Store.open(kelas).kelas_info()["fasilitator"]
    with pytest.raises(InputTidakValid, match="sendiri"):
        k["fasuji"].hapus_fasilitator("fasuji")
    k["fasuji"].hapus_fasilitator("sri_w")
    assert akun.get("sri_w") is None
    aksi = [c.aksi for c in DataAdmin(kelas).log()]
    assert aksi[:4] == ["hapus fasilitator", "tambah fasilitator", "buka kunci masuk",
                        "kode akses baru"]


def test_kunci_modul_menolak_simpanan_peserta(layanan):
    kelas, _, k = layanan
    assert k["fasuji"].kunci_modul("masalah", True) == ["masalah"]
    st = Store.open(kelas)
    with pytest.raises(AksesDitolak, match="dikunci fasilitator"):
        st.save(A, "masalah", "akar_masalah", "diubah setelah dikunci")
    st.save(A, "penilaian", "catatan", "pelatih tetap boleh", peran="fasilitator")
    k["fasuji"].kunci_modul("masalah", False)
    st.save(A, "masalah", "akar_masalah", "dibuka lagi")
    with pytest.raises(InputTidakValid, match="tidak dikenal"):
        k["fasuji"].kunci_modul("bukan_modul", True)


def test_hasil_hanya_setelah_rilis_dan_hanya_milik_sendiri(layanan):
    kelas, url, k = layanan
    assert k[A].hasil(A) == {"dirilis": False, "nip": A, "nama": "Ani Lestari"}
    with pytest.raises(AksesDitolak):
        k[A].berkas(A, "laporan")  # before release: refused even for the owner
    k["fasuji"].rilis([A])
    h = k[A].hasil(A)
    assert h["dirilis"] and "tes" in h and "rubrik" in h and h["berkas"]["laporan"] is False
    assert k[B].hasil(B)["dirilis"] is False  # released to A only
    # another participant: 403 on A's results and A's report, whatever the path
    for jalur in (f"api/hasil/{A}", f"api/hasil/{A}/laporan.pdf",
                  f"api/hasil/{A}/sertifikat.pdf"):
        r = requests.get(url + jalur, headers={"Authorization": "token tB"}, timeout=10)
        assert r.status_code == 403, jalur
        assert "peserta lain" in r.json()["pesan"]
    # the PDF, once it exists, reaches its owner only
    from sinovda.report.aman import folder_peserta

    folder = folder_peserta(kelas / "laporan", A, "Ani Lestari")
    folder.mkdir(parents=True)
    (folder / "laporan.pdf").write_bytes(b"%PDF-1.7 uji")
    assert k[A].berkas(A, "laporan") == b"%PDF-1.7 uji"
    k["fasuji"].rilis(None, rilis=False)
    assert k[A].hasil(A)["dirilis"] is False


def test_halaman_verifikasi_publik(layanan, tmp_path: Path):
    kelas, url, _ = layanan
    s = DataAdmin(kelas).terbitkan(A, "Ani Lestari", "2026-03-12")
    r = requests.get(url + "api/verifikasi", params={"kode": s.kode}, timeout=10)
    assert r.status_code == 200 and "ASLI." in r.text and "Ani Lestari" in r.text
    r = requests.get(url + "api/verifikasi", params={"kode": "SNV-2222-3333-4444-5555"},
                     timeout=10)
    assert "TIDAK ASLI" in r.text and "Ani Lestari" not in r.text
    r = requests.get(url + "api/verifikasi", params={"kode": "<script>"}, timeout=10)
    assert "bukan kode sertifikat" in r.text and "<script>" not in r.text


def test_operasi_lokal_sama(tmp_path: Path):
    kelas = tmp_path / "kelas"
    Store.create(kelas, nama="Kelas Lokal").upsert_peserta([Peserta(A, "Ani")])
    op = OperasiAdmin(kelas, oleh="fasilitator:lokal")
    op.rilis(None)
    assert op.hasil(A)["dirilis"] is True
    with pytest.raises(InputTidakValid, match="tidak ada di kelas"):
        op.rilis([B])


def test_kode_semua_lewat_layanan(layanan):
    kelas, _, k = layanan
    with pytest.raises(AksesDitolak):
        k[A].kode_semua()
    slip = k["fasuji"].kode_semua()
    assert {s["nama"] for s in slip} == {A, B}
    assert all(DaftarAkun(kelas).cek(s["nama"], s["kode"]) for s in slip)
    assert k["fasuji"].kode_semua() == []
    assert k["fasuji"].lembar_pdf(slip, "Kelas").startswith(b"%PDF")


def test_roster_xlsx_dan_jenis_berkas_lain(tmp_path: Path):
    import io

    from openpyxl import Workbook

    kelas = tmp_path / "kelas"
    Store.create(kelas, nama="Kelas XLSX")
    op = OperasiAdmin(kelas, oleh="fasilitator:uji")
    wb = Workbook()
    ws = wb.active
    ws.append(["NIP", "Nama", "Jabatan", "OPD", "Instansi"])
    ws.append([BARU, "Citra Dewi", "Analis", "Bappeda", "Kota Denpasar"])
    ws.append([198503152010011001, "Angka", "Staf", "Dinkes", "Kota Denpasar"])  # a number
    isi = io.BytesIO()
    wb.save(isi)
    with pytest.raises(BerkasTidakValid) as e:
        op.impor_roster("peserta.xlsx", isi.getvalue())
    assert str(e.value).startswith("peserta.xlsx") and "baris 3" in str(e.value)
    assert Store.open(kelas).daftar_peserta() == []
    with pytest.raises(InputTidakValid, match=r"\.csv atau \.xlsx"):
        op.impor_roster("peserta.pdf", b"%PDF")


def test_unduh_semua_sertifikat_dan_rekap(layanan):
    import io
    import zipfile

    kelas, url, k = layanan
    with pytest.raises(InputTidakValid, match="belum ada sertifikat"):
        k["fasuji"].unduh_kelas("sertifikat")
    from sinovda.report.aman import folder_peserta

    for nip, nama in ((A, "Ani Lestari"), (B, "Budi Santoso")):
        folder = folder_peserta(kelas / "laporan", nip, nama)
        folder.mkdir(parents=True)
        (folder / "sertifikat.pdf").write_bytes(b"%PDF-1.7 " + nip.encode())
    with zipfile.ZipFile(io.BytesIO(k["fasuji"].unduh_kelas("sertifikat"))) as z:
        assert sorted(z.namelist()) == sorted([f"{A}-Ani-Lestari-sertifikat.pdf",
                                               f"{B}-Budi-Santoso-sertifikat.pdf"])
        assert z.read(f"{A}-Ani-Lestari-sertifikat.pdf") == b"%PDF-1.7 " + A.encode()
    with pytest.raises(InputTidakValid, match="rekap belum dibuat"):
        k["fasuji"].unduh_kelas("rekap")
    r = requests.get(url + "api/admin/unduh/sertifikat", headers={"Authorization": "token tA"},
                     timeout=10)
    assert r.status_code == 403  # participants never get the class's certificates
