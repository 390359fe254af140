"""Page helpers: a module opened with no participant says to open module 00 first."""

from __future__ import annotations

from sinovda.forms import halaman, konteks
from sinovda.forms.indikator import FormIndikator

NIP = "198503152010011001"


def test_without_a_participant_the_module_says_open_00_first(kelas, monkeypatch, capsys):
    monkeypatch.setenv("SINOVDA_KELAS", str(kelas))
    assert halaman.buka(FormIndikator) is None
    assert "modul 00" in halaman.pesan_belum_memilih().value


def test_a_participant_not_on_the_roster_counts_as_none(kelas, monkeypatch):
    monkeypatch.setenv("SINOVDA_KELAS", str(kelas))
    monkeypatch.setenv("SINOVDA_PESERTA", "197001012000011001")
    assert halaman.aktif()[1] is None
    assert halaman.buka(FormIndikator) is None


def test_with_the_chosen_participant_the_form_is_built(kelas, monkeypatch):
    monkeypatch.setenv("SINOVDA_KELAS", str(kelas))
    konteks.pilih_peserta(NIP)
    form = halaman.buka(FormIndikator)
    assert isinstance(form, FormIndikator) and form.nip == NIP
    assert "Ni Luh Putu Ayu" in halaman.kepala(form.store, NIP).value
    assert "ruang kerja: kelas" in halaman.kepala(form.store, NIP).value


def test_header_escapes_participant_text(store):
    from sinovda.domain.peserta import Peserta

    store.upsert_peserta([Peserta("199002202015032002", "<i>Sari</i>", opd="A&B")])
    html = halaman.kepala(store, "199002202015032002").value
    assert "&lt;i&gt;Sari&lt;/i&gt;" in html and "A&amp;B" in html


def test_a_workspace_that_cannot_be_opened_is_said_in_words(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SINOVDA_KELAS", str(tmp_path / "bukan-kelas"))
    assert halaman.buka(FormIndikator) is None
    from sinovda.forms import pengantar

    assert pengantar.tampilkan() is None
    keluar = capsys.readouterr().out
    assert keluar.count("Ruang kerja belum bisa dibuka") == 2
    assert "Traceback" not in keluar
