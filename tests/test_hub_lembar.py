"""The passcode sheet: text and A4 PDF slips written only for their owner (0600), never lost."""

from __future__ import annotations

import stat
import subprocess

import pytest

from sinovda.cli.main import main
from sinovda.domain.peserta import Peserta
from sinovda.hub.akun import DaftarAkun
from sinovda.hub.lembar import Slip, html_lembar, teks_lembar
from sinovda.store import Store

NIP_A = "198503152010011001"
NIP_B = "197506171999042901"


@pytest.fixture
def kelas(tmp_path):
    st = Store.create(tmp_path / "kelas", nama="Bimtek Inovasi Angkatan I")
    st.upsert_peserta([Peserta(NIP_A, "Ani Lestari"), Peserta(NIP_B, "Budi <b>Santoso</b>")])
    return tmp_path / "kelas"


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _kode_dari(teks: str) -> dict[str, str]:
    return {b.split()[0]: b.split()[1] for b in teks.splitlines() if b[:1].isdigit()}


def test_lembar_ke_berkas_pribadi_dan_pdf(kelas, tmp_path, capsys):
    ke = tmp_path / "lembar.txt"
    assert main(["kode-akses", "--buat", "--ke", str(ke), "--kelas", str(kelas)]) == 0
    out = capsys.readouterr().out
    pdf = tmp_path / "lembar.pdf"
    assert _mode(ke) == 0o600 and _mode(pdf) == 0o600
    kode = _kode_dari(ke.read_text(encoding="utf-8"))
    assert set(kode) == {NIP_A, NIP_B}
    assert not any(k in out for k in kode.values())  # not on the terminal or in a pipe
    akun = DaftarAkun(kelas)
    assert akun.cek(NIP_A, kode[NIP_A]) and akun.cek(NIP_B, kode[NIP_B])
    # the PDF: A4 slips, each with the name, the NIP and the passcode
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert "595.276 x 841.89 pts (A4)" in info.stdout
    teks = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    for nip, k in kode.items():
        assert nip in teks and k in teks
    assert "Ani Lestari" in teks and "Budi <b>Santoso</b>" in teks  # escaped, shown as text
    assert "Bimtek Inovasi Angkatan I" in teks


def test_lembar_pdf_saja_dan_berkas_lama_ditimpa_0600(kelas, tmp_path):
    pdf = tmp_path / "slip.pdf"
    pdf.write_text("lama")
    pdf.chmod(0o644)
    assert main(["kode-akses", "--buat", "--pdf", str(pdf), "--kelas", str(kelas)]) == 0
    assert _mode(pdf) == 0o600 and pdf.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir() if "sementara" in p.name] == []


def test_tujuan_salah_tidak_mengubah_kode(kelas, tmp_path, capsys):
    assert main(["kode-akses", "--buat", "--ke", str(tmp_path / "a.txt"),
                 "--kelas", str(kelas)]) == 0
    lama = _kode_dari((tmp_path / "a.txt").read_text(encoding="utf-8"))
    capsys.readouterr()
    for argumen, pesan in (
        (["--ke", str(tmp_path)], "bukan berkas biasa"),
        (["--pdf", str(tmp_path / "tidak-ada" / "x.pdf")], "tidak ada"),
        (["--ke", str(tmp_path / "x.pdf"), "--pdf", str(tmp_path / "x.pdf")], "sama"),
    ):
        assert main(["kode-akses", "--buat", "--ulang", NIP_A, *argumen,
                     "--kelas", str(kelas)]) == 2
        assert pesan in capsys.readouterr().err
    assert DaftarAkun(kelas).cek(NIP_A, lama[NIP_A])  # nothing changed
    assert main(["kode-akses", "--ke", str(tmp_path / "b.txt"), "--kelas", str(kelas)]) == 2
    assert "--buat" in capsys.readouterr().err


def test_teks_dan_html_lembar():
    slip = [Slip(NIP_A, "Ani", "K7PM-3XQA"), Slip("budi", "<script>", "ABCD-EFGH")]
    teks = teks_lembar(slip)
    assert f"{NIP_A}  K7PM-3XQA  Ani" in teks and "SEKALI" in teks
    h = html_lembar(slip, "Kelas & Co")
    assert "<script>" not in h and "&lt;script&gt;" in h and "Kelas &amp; Co" in h
    assert h.count('class="slip"') == 2
