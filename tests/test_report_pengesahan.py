"""The report's closing block: class, place, print date and signature spaces."""

from __future__ import annotations

import datetime as dt
import re

from sinovda.domain.peserta import Peserta
from sinovda.report.isi import Laporan
from sinovda.report.pengesahan import GARIS, blok_pengesahan, setelan_kelas, tanggal_indonesia
from sinovda.store import Store

NIP = "198503152010011001"


def _teks(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_tanggal_indonesia():
    assert tanggal_indonesia(dt.date(2026, 3, 9)) == "9 Maret 2026"
    assert tanggal_indonesia(dt.date(2027, 12, 31)) == "31 Desember 2027"


def test_tanda_tangan_per_fasilitator_dan_nama_kelas_lolos_escape():
    p = Peserta(NIP, "Ani <b>R</b>")
    teks = blok_pengesahan({"nama": "Kelas <Uji>", "fasilitator": ["Dr. Ratna", "Bagus"],
                            "tempat": "Denpasar"}, p, dt.date(2026, 3, 12)).html
    assert "<b>R</b>" not in teks and "Ani &lt;b&gt;R&lt;/b&gt;" in teks
    t = _teks(teks)
    assert "Kelas Kelas &lt;Uji&gt;" in t and "Denpasar, 12 Maret 2026" in t
    assert t.count("Pelatih / fasilitator") == 2 and "Dr. Ratna" in t and "Bagus" in t
    assert f"NIP {NIP}" in t


def test_tanpa_tempat_dan_fasilitator_ada_garis_untuk_diisi_tangan():
    t = _teks(blok_pengesahan({"nama": "Kelas"}, Peserta(NIP, "Ani"), dt.date(2026, 3, 12)).html)
    assert f"Tempat {GARIS}" in t and f"{GARIS}, 12 Maret 2026" in t
    assert t.count("Pelatih / fasilitator") == 1


def test_tempat_dari_setelan_kelas_halaman_admin(tmp_path):
    from sinovda.store.admin import DataAdmin

    st = Store.create(tmp_path, nama="Kelas Uji")
    st.upsert_peserta([Peserta(NIP, "Ani")])
    st.atur_fasilitator(["Dr. Ratna Wulandari, M.Si."])
    assert setelan_kelas(tmp_path) == {} and setelan_kelas(None) == {}
    t = _teks(Laporan(tmp_path, NIP).pengesahan().html)
    assert f"Tempat {GARIS}" in t and "Dr. Ratna Wulandari, M.Si." in t
    DataAdmin(tmp_path).atur_setelan({"tempat": "Kota Denpasar"})
    t = _teks(Laporan(tmp_path, NIP).pengesahan().html)
    assert "Tempat Kota Denpasar" in t and "Kota Denpasar, " in t
