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


def test_each_module_page_shows_its_learning_text_above_the_form():
    """Issue 11: the texts of modules 01-06 are taught on their pages, not only module 00's."""
    from sinovda.forms.pengantar import FormPengantar
    from sinovda.forms.replikasi import FormReplikasi

    kotak_teks = halaman.bahan_belajar(FormReplikasi)
    assert kotak_teks is not None and kotak_teks.selected_index == 0  # open at first
    html = kotak_teks.children[0].value
    assert "<h2>Cek keberhasilan integrasi dan inovasi</h2>" in html
    assert "Keterpaduan perencanaan" in html and "<table" in html
    assert "Modul 05 ·" not in html  # the notebook already shows the module title
    assert "Bahan belajar" in kotak_teks.get_title(0)
    indikator = halaman.bahan_belajar(FormIndikator).children[0].value
    assert "Prinsip manajemen kinerja berbasis hasil" in indikator
    assert halaman.bahan_belajar(FormPengantar) is None  # module 00 shows it in its form


def test_a_missing_learning_text_is_named_on_the_page(monkeypatch, tmp_path):
    import shutil

    from sinovda import paths
    from sinovda.forms.replikasi import FormReplikasi

    salinan = tmp_path / "modul"
    shutil.copytree(paths.MODUL_DIR, salinan)
    (salinan / "teks" / "05_replikasi.md").unlink()
    monkeypatch.setattr(paths, "MODUL_DIR", salinan)
    html = halaman.bahan_belajar(FormReplikasi).value
    assert "Bahan belajar belum dapat ditampilkan" in html and "05_replikasi.md" in html


def test_navigation_links_to_the_next_module_and_the_map_in_the_same_tab():
    from sinovda.forms.halaman import navigasi_html

    teks = navigasi_html("01_masalah.ipynb", "../../")
    assert "href='02_inovasi.ipynb'" in teks and "Modul berikutnya: 02 · Perancangan" in teks
    assert "href='../../'" in teks and "Kembali ke peta kursus" in teks
    assert "_blank" not in teks and teks.count("target='_self'") == 2
    assert teks.index("Modul berikutnya") < teks.index("Kembali ke peta kursus")
    terakhir = navigasi_html("06_penutup.ipynb", "../../")
    assert "Modul berikutnya" not in terakhir and "Kembali ke peta kursus" in terakhir


def test_module_page_ends_with_the_navigation_in_voila_only(kelas, monkeypatch, capsys):
    from sinovda.forms import halaman

    monkeypatch.setenv("SINOVDA_KELAS", str(kelas))
    tampil: list = []
    monkeypatch.setattr("IPython.display.display", lambda x: tampil.append(x))
    assert halaman.navigasi() is None and tampil == []  # JupyterLab: no footer
    monkeypatch.setenv("SCRIPT_NAME", "/voila/render/03_indikator.ipynb")
    halaman.buka(lambda store, nip: None)  # no participant: the notice, then the footer
    assert "Modul berikutnya: 04" in tampil[-1].value
    assert "href='../../'" in tampil[-1].value
    monkeypatch.setenv("JUPYTERHUB_USER", "198503152010011001")
    # the hub: the participant's server serves the course map at its root too (not module 00)
    kaki = halaman.navigasi().value
    assert "href='../../'" in kaki and "href='00_pengantar.ipynb'" not in kaki


def _layani_permintaan(isi: dict[str, str]) -> tuple[int, list[str], object]:
    """A websocket server on a free loopback port answering ``voila/query/<kernel>`` as Voila's
    does (the request's variables as JSON); returns (port, paths asked, stopper)."""
    import asyncio
    import json
    import threading

    import websockets

    jalur: list[str] = []
    siap = threading.Event()
    keadaan: dict[str, object] = {}

    async def jawab(ws) -> None:  # noqa: ANN001 - websockets' connection
        jalur.append(ws.request.path)
        await ws.send(json.dumps(isi))

    async def utama() -> None:
        async with websockets.serve(jawab, "127.0.0.1", 0) as server:
            keadaan["port"] = server.sockets[0].getsockname()[1]
            keadaan["henti"] = asyncio.get_running_loop().create_future()
            keadaan["loop"] = asyncio.get_running_loop()
            siap.set()
            await keadaan["henti"]

    benang = threading.Thread(target=lambda: asyncio.run(utama()), daemon=True)
    benang.start()
    assert siap.wait(10)

    def henti() -> None:
        loop = keadaan["loop"]
        loop.call_soon_threadsafe(keadaan["henti"].set_result, None)  # type: ignore[attr-defined]
        benang.join(10)

    return int(keadaan["port"]), jalur, henti


def test_a_preheated_kernel_waits_for_its_request_and_takes_its_cookie(monkeypatch):
    """A pooled page learns its request (the browser's cookie) before the participant is
    looked up, from the server's voila/query websocket, without importing Voila."""
    import os
    import sys

    port, jalur, henti = _layani_permintaan({"HTTP_COOKIE": "sinovda_sesi=abc123",
                                              "SCRIPT_NAME": "/voila/render/01_masalah.ipynb"})
    try:
        monkeypatch.setenv("VOILA_PREHEAT", "True")
        monkeypatch.setenv("VOILA_APP_PORT", str(port))
        monkeypatch.setenv("VOILA_SERVER_URL", "/")
        monkeypatch.setenv("VOILA_KERNEL_ID", "k-1")
        monkeypatch.delenv("HTTP_COOKIE", raising=False)
        monkeypatch.delenv("VOILA_WS_BASE_URL", raising=False)
        monkeypatch.setenv("SCRIPT_NAME", "")
        sys.modules.pop("voila.utils", None)
        halaman.tunggu_permintaan()
        assert os.environ["HTTP_COOKIE"] == "sinovda_sesi=abc123"
        assert os.environ["SCRIPT_NAME"] == "/voila/render/01_masalah.ipynb"
        assert konteks.sesi_browser() == "abc123"
        assert jalur == ["/voila/query/k-1"]
        assert "voila.utils" not in sys.modules
    finally:
        henti()


def test_outside_a_preheated_kernel_nothing_is_awaited(monkeypatch):
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.setenv("VOILA_APP_PORT", "1")  # nothing listens: would fail if asked
    halaman.tunggu_permintaan()
