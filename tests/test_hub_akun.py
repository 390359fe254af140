"""Hub accounts and passcodes: generated once, stored only as salted hashes, checked on login."""

from __future__ import annotations

import sqlite3
import statistics
import time

import pytest

from sinovda.cli.main import main
from sinovda.data.settings import AturanMasuk
from sinovda.domain.errors import InputTidakValid, SinovdaError
from sinovda.domain.peserta import Peserta
from sinovda.hub.akun import ALFABET, DaftarAkun, buat_kode, normalisasi_kode
from sinovda.store import Store

NIP_A = "198503152010011001"
NIP_B = "197506171999042901"


@pytest.fixture
def kelas(tmp_path):
    st = Store.create(tmp_path / "kelas", nama="Uji Akun")
    st.upsert_peserta([Peserta(NIP_A, "Ani"), Peserta(NIP_B, "Budi")])
    return tmp_path / "kelas"


def test_kode_acak_mudah_dibaca():
    kode = {buat_kode() for _ in range(200)}
    assert len(kode) == 200
    for k in kode:
        assert len(k) == 9 and k[4] == "-"
        assert set(k.replace("-", "")) <= set(ALFABET)
        assert not set("0O1IL") & set(k)
    assert normalisasi_kode(" ab2c - d3ef ") == "AB2CD3EF"


def test_kode_hanya_disimpan_sebagai_hash(kelas):
    akun = DaftarAkun(kelas)
    akun.sinkron_peserta([(NIP_A, "Ani")])
    kode = akun.set_kode(NIP_A)
    raw = sqlite3.connect(kelas / "sinovda.db").execute("SELECT * FROM akun_hub").fetchall()
    assert kode not in repr(raw) and normalisasi_kode(kode) not in repr(raw)
    assert akun.cek(NIP_A, kode).nama == NIP_A
    assert akun.cek(NIP_A, kode.lower().replace("-", " ")) is not None  # typed by hand
    assert akun.cek(NIP_A, "AAAA-BBBB") is None
    assert akun.cek(NIP_A, "") is None
    assert akun.cek(NIP_B, kode) is None  # not yet given a code
    assert akun.cek("orang-lain", kode) is None


def test_garam_beda_per_akun(kelas):
    akun = DaftarAkun(kelas)
    akun.sinkron_peserta([(NIP_A, "Ani"), (NIP_B, "Budi")])
    akun.set_kode(NIP_A, "SAMA-KODE")
    akun.set_kode(NIP_B, "SAMA-KODE")
    hashes = sqlite3.connect(kelas / "sinovda.db").execute("SELECT hash FROM akun_hub").fetchall()
    assert len({h for (h,) in hashes}) == 2


def test_fasilitator(kelas):
    akun = DaftarAkun(kelas)
    kode = akun.tambah_fasilitator("Budi_F", "Budi Fasilitator")
    assert akun.cek("budi_f", kode).peran == "fasilitator"
    with pytest.raises(InputTidakValid, match="sudah ada"):
        akun.tambah_fasilitator("budi_f")
    for buruk in ("1abc", "a", "nama dengan spasi", "x" * 30, "../root"):
        with pytest.raises(InputTidakValid, match="nama fasilitator"):
            akun.tambah_fasilitator(buruk)
    # a roster sync never turns a facilitator into a participant
    akun.sinkron_peserta([("budi_f", "Orang Lain")])
    assert akun.peran("budi_f") == "fasilitator"


def test_kelas_tidak_ada(tmp_path):
    with pytest.raises(SinovdaError, match="kelas buat"):
        DaftarAkun(tmp_path)


def test_cli_lembar_kode(kelas, capsys):
    assert main(["kode-akses", "--kelas", str(kelas)]) == 0
    assert "BELUM punya kode" in capsys.readouterr().out
    assert main(["kode-akses", "--kelas", str(kelas), "--buat"]) == 0
    out = capsys.readouterr().out
    baris = {b.split()[0]: b.split()[1] for b in out.splitlines() if b[:1].isdigit()}
    assert set(baris) == {NIP_A, NIP_B}
    akun = DaftarAkun(kelas)
    assert akun.cek(NIP_A, baris[NIP_A]) and akun.cek(NIP_B, baris[NIP_B])
    # a second --buat gives nobody a new code (the printed sheet stays valid)
    assert main(["kode-akses", "--kelas", str(kelas), "--buat"]) == 0
    assert "sudah punya kode" in capsys.readouterr().out
    assert akun.cek(NIP_A, baris[NIP_A])
    # --ulang replaces one lost code only
    assert main(["kode-akses", "--kelas", str(kelas), "--buat", "--ulang", NIP_A]) == 0
    out = capsys.readouterr().out
    assert NIP_A in out and NIP_B not in out
    assert akun.cek(NIP_A, baris[NIP_A]) is None and akun.cek(NIP_B, baris[NIP_B])
    assert main(["kode-akses", "--kelas", str(kelas), "--buat", "--ulang", "999"]) == 2
    assert "akun '999' tidak ada" in capsys.readouterr().err


def test_cli_fasilitator(kelas, capsys):
    assert main(["fasilitator", "tambah", "sri", "--label", "Sri W", "--kelas", str(kelas)]) == 0
    kode = [b.split()[1] for b in capsys.readouterr().out.splitlines() if b.startswith("sri ")][0]
    assert DaftarAkun(kelas).cek("sri", kode).peran == "fasilitator"
    assert main(["fasilitator", "daftar", "--kelas", str(kelas)]) == 0
    assert "Sri W" in capsys.readouterr().out
    assert main(["fasilitator", "tambah", "9x", "--kelas", str(kelas)]) == 2
    assert "tidak sah" in capsys.readouterr().err


def test_hub_menolak_kelas_tanpa_fasilitator(kelas, capsys):
    assert main(["hub", "--kelas", str(kelas), "--port", "1"]) == 2
    assert "fasilitator tambah" in capsys.readouterr().err


class Jam:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.t = 1_800_000_000.0

    def __call__(self) -> float:
        return self.t


ATURAN = AturanMasuk(gagal_maks=3, gagal_maks_alamat=5, jendela_menit=15, kunci_menit=10)


def test_kunci_setelah_gagal_berulang_lalu_dibuka(kelas):
    jam = Jam()
    akun = DaftarAkun(kelas, jam=jam)
    akun.sinkron_peserta([(NIP_A, "Ani")])
    kode = akun.set_kode(NIP_A)
    assert akun.masuk(NIP_A, kode, "10.0.0.1", ATURAN).berhasil
    for _ in range(3):
        hasil = akun.masuk(NIP_A, "SALA-HKOD", "10.0.0.1", ATURAN)
        assert not hasil.berhasil
    assert hasil.terkunci is not None and hasil.terkunci.kunci == NIP_A
    # locked: even the right passcode is refused, from any computer
    hasil = akun.masuk(NIP_A, kode, "10.0.0.2", ATURAN)
    assert not hasil.berhasil and hasil.terkunci.jenis == "nama"
    assert [k.kunci for k in akun.daftar_terkunci()] == [NIP_A]
    # the facilitator lifts it
    assert akun.buka_kunci(NIP_A) is True
    assert akun.buka_kunci(NIP_A) is False
    assert akun.masuk(NIP_A, kode, "10.0.0.2", ATURAN).berhasil
    # or it ends by itself after kunci_menit
    for _ in range(3):
        akun.masuk(NIP_A, "SALA-HKOD", "10.0.0.3", ATURAN)
    assert not akun.masuk(NIP_A, kode, "10.0.0.3", ATURAN).berhasil
    jam.t += 10 * 60 + 1
    assert akun.masuk(NIP_A, kode, "10.0.0.3", ATURAN).berhasil


def test_gagal_lama_dilupakan_dan_berhasil_menghapus_hitungan(kelas):
    jam = Jam()
    akun = DaftarAkun(kelas, jam=jam)
    akun.sinkron_peserta([(NIP_A, "Ani")])
    kode = akun.set_kode(NIP_A)
    for _ in range(2):
        akun.masuk(NIP_A, "SALA-HKOD", "10.0.0.1", ATURAN)
    assert akun.masuk(NIP_A, kode, "10.0.0.9", ATURAN).berhasil  # count back to 0
    for _ in range(2):
        akun.masuk(NIP_A, "SALA-HKOD", "10.0.0.9", ATURAN)
    jam.t += 16 * 60  # outside the window: forgotten
    akun.masuk(NIP_A, "SALA-HKOD", "10.0.0.9", ATURAN)
    assert akun.masuk(NIP_A, kode, "10.0.0.9", ATURAN).berhasil


def test_kunci_per_alamat_dan_nip_tak_dikenal(kelas):
    akun = DaftarAkun(kelas, jam=Jam())
    akun.sinkron_peserta([(NIP_A, "Ani")])
    kode = akun.set_kode(NIP_A)
    # one computer guessing many (unknown) NIPs: the address is locked, not only each name
    for i in range(5):
        assert not akun.masuk(f"1990{i:014d}", "SALA-HKOD", "10.0.0.7", ATURAN).berhasil
    hasil = akun.masuk(NIP_A, kode, "10.0.0.7", ATURAN)
    assert not hasil.berhasil and hasil.terkunci.jenis == "alamat"
    assert akun.masuk(NIP_A, kode, "10.0.0.8", ATURAN).berhasil  # another computer still works
    # an unknown NIP locks like a known one (a lock does not reveal that a NIP exists)
    assert akun.masuk("19900000000000000000", "X", "10.0.0.8", ATURAN).terkunci is None
    for _ in range(2):
        akun.masuk("19900000000000000000", "X", "10.0.0.8", ATURAN)
    assert akun.masuk("19900000000000000000", "X", "10.0.0.8", ATURAN).terkunci is not None
    assert akun.buka_kunci("10.0.0.7") is True
    assert akun.masuk(NIP_A, kode, "10.0.0.7", ATURAN).berhasil


def test_reset_kode(kelas):
    akun = DaftarAkun(kelas, jam=Jam())
    akun.sinkron_peserta([(NIP_A, "Ani")])
    lama = akun.set_kode(NIP_A)
    for _ in range(3):
        akun.masuk(NIP_A, "SALA-HKOD", "10.0.0.1", ATURAN)
    baru = akun.reset_kode(NIP_A)
    assert baru != lama and akun.cek(NIP_A, lama) is None
    assert akun.masuk(NIP_A, baru, "10.0.0.1", ATURAN).berhasil  # the lock is lifted too
    with pytest.raises(InputTidakValid, match="tidak ada"):
        akun.reset_kode("999")


def test_nip_tak_dikenal_sama_mahalnya(kelas):
    """An unknown NIP (or one without passcode) costs a scrypt hash like a wrong passcode."""
    akun = DaftarAkun(kelas)
    akun.sinkron_peserta([(NIP_A, "Ani"), (NIP_B, "Budi")])
    akun.set_kode(NIP_A)

    def median(nama: str) -> float:
        waktu = []
        for _ in range(5):
            t0 = time.perf_counter()
            akun.cek(nama, "SALA-HKOD")
            waktu.append(time.perf_counter() - t0)
        return statistics.median(waktu)

    dikenal = median(NIP_A)
    for nama in ("19990000000000000000", NIP_B):
        assert 0.5 < median(nama) / dikenal < 2.0


def test_cli_buka_kunci(kelas, capsys):
    akun = DaftarAkun(kelas)
    akun.sinkron_peserta([(NIP_A, "Ani")])
    kode = akun.set_kode(NIP_A)
    for _ in range(ATURAN.gagal_maks):
        akun.masuk(NIP_A, "SALA-HKOD", "10.0.0.1", ATURAN)
    assert not akun.masuk(NIP_A, kode, "10.0.0.1", ATURAN).berhasil
    assert main(["kode-akses", "--kelas", str(kelas)]) == 0
    assert f"TERKUNCI  akun {NIP_A}" in capsys.readouterr().out
    assert main(["kode-akses", "--kelas", str(kelas), "--buka-kunci", NIP_A]) == 0
    assert "dibuka" in capsys.readouterr().out
    assert akun.masuk(NIP_A, kode, "10.0.0.1", ATURAN).berhasil
    assert main(["kode-akses", "--kelas", str(kelas), "--buka-kunci", NIP_A]) == 0
    assert "tidak sedang terkunci" in capsys.readouterr().out
    assert main(["kode-akses", "--kelas", str(kelas), "--buat", "--buka-kunci", NIP_A]) == 2


def test_percobaan_serentak_tidak_melewati_batas(kelas):
    """Wrong passcodes sent at the same moment: at most gagal_maks of them are checked."""
    from concurrent.futures import ThreadPoolExecutor

    akun = DaftarAkun(kelas)
    akun.sinkron_peserta([(NIP_A, "Ani")])
    kode = akun.set_kode(NIP_A)
    with ThreadPoolExecutor(12) as pool:
        hasil = list(pool.map(lambda _: akun.masuk(NIP_A, "SALA-HKOD", "10.0.0.1", ATURAN),
                              range(12)))
    assert not any(h.berhasil for h in hasil)
    assert sum(h.diperiksa for h in hasil) <= ATURAN.gagal_maks
    assert sum(not h.diperiksa for h in hasil) >= 12 - ATURAN.gagal_maks
    assert not akun.masuk(NIP_A, kode, "10.0.0.2", ATURAN).berhasil  # locked
