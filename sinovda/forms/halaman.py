"""Page helpers shared by the module notebooks: open the active workspace, header, display.

``buka(buat)``: find the active store and participant (``sinovda.forms.konteks``); with none
chosen, show (in Indonesian) that module 00 must be opened first and return None; otherwise
display the module's learning text (``bahan_belajar``), ``buat(store, nip).widget``, then the
module quiz (``kuis``), and return the form object.
``kepala(store, nip)``: an HTML line naming the participant. ``bagian(judul, *isi)``: a titled
section box. ``navigasi()``: the page's last line in the Voila app: "Modul berikutnya" and
"Kembali ke peta kursus", links opening in the same tab (none outside a Voila page).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from sinovda.domain.errors import SinovdaError
from sinovda.forms import konteks
from sinovda.forms.panel import esc, html, kotak, tata

# Text inputs in the UI font (ipywidgets draws text areas in monospace) with their whole border
# visible (a 100%-wide box with padding was cut off at the right edge).
GAYA = ("<style>.snv-teks textarea, .snv-teks input {font-family: var(--jp-ui-font-family, "
        "system-ui, sans-serif); font-size: var(--jp-ui-font-size1, 13px); box-sizing: "
        "border-box; max-width: 100%;} .snv-teks textarea {resize: vertical; "
        "line-height: 1.4;} .snv-teks {box-sizing: border-box; max-width: 100%; "
        "padding-right: 2px;}</style>")


def kepala(store: Any, nip: str) -> w.HTML:
    """A line naming the active participant and the workspace (and the page's input style)."""
    p = store.get_peserta(nip)
    nama = p.nama if p else nip
    opd = f" · {p.opd}" if p and p.opd else ""
    tempat = "kelas" if konteks.mode_kelas() else "belajar mandiri"
    return html(GAYA + kotak(f"Peserta: <b>{esc(nama)}</b> (NIP {esc(nip)}){esc(opd)} "
                               f"· ruang kerja: {tempat}", "info"))


def bagian(judul: str, *isi: w.Widget, keterangan: str = "") -> w.VBox:
    """A titled section of a module page (``keterangan`` is our own safe HTML)."""
    kepala_ = f"<h3 style='margin-bottom:0.2em'>{esc(judul)}</h3>"
    if keterangan:
        kepala_ += f"<div style='color:#444'>{keterangan}</div>"
    return w.VBox([html(kepala_), *isi], layout=tata(margin="0 0 1.5em 0"))


def pesan_belum_memilih() -> w.HTML:
    """The notice shown by modules 01-06 when no participant is chosen."""
    return html(kotak(esc(konteks.PESAN_BELUM_MEMILIH), "peringatan"))


def aktif() -> tuple[Any, str | None]:
    """The active store and the active participant's NIP (None if not chosen or not listed)."""
    store = konteks.store_aktif()
    nip = konteks.peserta_aktif(store)
    if nip is not None and store.get_peserta(nip) is None:
        nip = None
    return store, nip


TUNGGU_SERVER_DETIK = 120  # how long a preheated kernel keeps trying to reach its server


def tunggu_permintaan() -> None:
    """In a preheated Voila kernel (``sinovda app``'s per-module pools): wait here until the
    page is requested, so the request (its address, its browser's cookie) is known before the
    participant is looked up. Elsewhere it returns at once."""
    if os.environ.get("VOILA_PREHEAT") == "True":
        _terima_permintaan()


def _terima_permintaan() -> None:
    """``voila.utils.wait_for_request`` without importing Voila in the kernel (``import
    voila.utils`` pulls in jupyter_server and jsonschema: ~1.5 CPU-s for every preheated kernel).
    Same protocol: connect to the server's ``voila/query/<kernel id>`` websocket, receive the
    request's variables (address, headers) as JSON and put them in the environment."""
    import asyncio
    import json
    import threading

    import websockets

    env = os.environ
    alamat = env.get("VOILA_WS_BASE_URL", env.get("VOILA_SERVER_URL", "/"))
    url = (f"{env.get('VOILA_WS_PROTOCOL', 'ws')}://{env.get('VOILA_APP_IP', '127.0.0.1')}:"
           f"{env.get('VOILA_APP_PORT', '8866')}{alamat}voila/query/"
           f"{env.get('VOILA_KERNEL_ID')}")
    hasil: list[str | bytes] = []

    async def terima() -> None:
        # A loaded server (a room arriving at once) may answer late: retry for a while rather
        # than run the page without its request (it would not know its browser's participant).
        akhir = asyncio.get_running_loop().time() + TUNGGU_SERVER_DETIK
        while True:
            try:
                async with websockets.connect(url, open_timeout=30) as ws:
                    hasil.append(await ws.recv())
                return
            except (OSError, TimeoutError, websockets.InvalidHandshake):
                if asyncio.get_running_loop().time() > akhir:
                    return  # no server to ask: the page runs as it is
                await asyncio.sleep(1)

    def jalan() -> None:
        asyncio.run(terima())

    benang = threading.Thread(target=jalan)
    benang.start()
    benang.join()
    if hasil:
        for kunci, nilai in json.loads(hasil[0]).items():
            os.environ[kunci] = nilai


def buka(buat: Callable[[Any, str], Any]) -> Any:
    """Display the form built by ``buat(store, nip)`` for the active participant."""
    from IPython.display import display

    # What does not depend on the participant is prepared before the request (in a preheated
    # kernel: while the page is not yet asked for); the participant only after it.
    teks = bahan_belajar(buat)  # the module's learning text, above the form
    _siapkan_data(buat)
    tunggu_permintaan()
    try:
        store, nip = aktif()
        if nip is None:
            display(pesan_belum_memilih())
            navigasi()
            return None
        form = buat(store, nip)
    except SinovdaError as e:
        display(pesan_galat(e))
        navigasi()
        return None
    if teks is not None:
        display(teks)
    display(form.widget)
    kuis(store, nip, buat)  # the module quiz, after the form
    navigasi()  # the page's last line (after the form and anything shown with it)
    return form


def _siapkan_data(buat: Callable[..., Any]) -> None:
    """Read the course files every page of ``buat``'s module needs (course, quiz questions,
    settings: cached) before the request; a file that cannot be read is reported later, by
    the page itself."""
    import sys

    from sinovda.data import content
    from sinovda.data.settings import load_pengaturan

    modul_id = getattr(sys.modules.get(getattr(buat, "__module__", "")), "MODUL", None)
    try:
        content.load_kursus()
        load_pengaturan()
        if isinstance(modul_id, str):
            content.soal_kuis(modul_id)
    except SinovdaError:
        pass


def bahan_belajar(buat: Callable[..., Any]) -> w.Widget | None:
    """The learning text of ``buat``'s module (``modul/teks``, the ``MODUL`` constant of its
    Python module) in a box the participant can fold, open at first. None for module 00 (its
    form shows the text itself) or a builder without a module id."""
    import sys

    from sinovda.data.content import load_teks
    from sinovda.forms.panel import markdown

    modul_id = getattr(sys.modules.get(getattr(buat, "__module__", "")), "MODUL", None)
    if not isinstance(modul_id, str) or modul_id == "pengantar":
        return None
    try:
        teks = load_teks(modul_id)
    except SinovdaError as e:
        return w.HTML(kotak(f"Bahan belajar belum dapat ditampilkan: {esc(e)}", "galat"))
    baris = teks.lstrip().splitlines()
    if baris and baris[0].startswith("# "):  # the notebook already shows the module title
        baris = baris[1:]
    kotak_teks = w.Accordion(children=[html(markdown("\n".join(baris)))], layout=tata())
    kotak_teks.set_title(0, "Bahan belajar (klik untuk menutup atau membuka)")
    kotak_teks.selected_index = 0
    return kotak_teks


def kuis(store: Any, nip: str, buat: Callable[..., Any]) -> Any:
    """Show the module quiz (``sinovda.forms.kuis``) under the form built by ``buat``: the
    module id is the ``MODUL`` constant of ``buat``'s Python module. None when it has none."""
    import sys

    from IPython.display import display

    from sinovda.forms import kuis as fk

    modul_id = getattr(sys.modules.get(getattr(buat, "__module__", "")), "MODUL", None)
    if not isinstance(modul_id, str):
        return None
    try:
        return fk.tampilkan(store, nip, modul_id)
    except SinovdaError as e:
        display(w.HTML(kotak(f"Kuis modul belum dapat ditampilkan: {esc(e)}", "galat")))
        return None


def _alamat_halaman() -> tuple[str, str] | None:
    """``(prefix, notebook)`` of this Voila page from ``$SCRIPT_NAME`` (set by Voila), e.g.
    ``("/", "01_masalah.ipynb")`` for ``/voila/render/01_masalah.ipynb``; None outside Voila."""
    alamat = os.environ.get("SCRIPT_NAME", "")
    penanda = "/voila/render/"
    if penanda not in alamat or not alamat.endswith(".ipynb"):
        return None
    awal, _, nb = alamat.rpartition(penanda)
    return awal + "/", nb


def navigasi_html(notebook: str, peta: str, kursus: Any = None) -> str:
    """The navigation line for module page ``notebook``; ``peta``: the course map's address.
    Links are relative to the page and open in the same tab."""
    from sinovda.data.content import load_kursus

    daftar = list((kursus if kursus is not None else load_kursus()).modul)
    nama = [m.notebook for m in daftar]
    tautan = []
    if notebook in nama and nama.index(notebook) + 1 < len(daftar):
        m = daftar[nama.index(notebook) + 1]
        tautan.append(f"<a href='{esc(m.notebook)}' target='_self' class='sinovda-berikut' "
                      "style='display:inline-block;background:#1a4f9c;color:#fff;"
                      "padding:0.5em 1em;border-radius:4px;margin:0.3em 0.6em 0.3em 0'>"
                      f"Modul berikutnya: {esc(m.nomor)} · {esc(m.judul)} &rarr;</a>")
    elif notebook in nama:  # the last module: the participant's released results
        tautan.append("<a href='hasil_saya.ipynb' target='_self' class='sinovda-hasil' "
                      "style='display:inline-block;background:#1b5e20;color:#fff;"
                      "padding:0.5em 1em;border-radius:4px;margin:0.3em 0.6em 0.3em 0'>"
                      "Hasil saya: nilai, komentar pelatih, laporan &rarr;</a>")
    tautan.append(f"<a href='{esc(peta)}' target='_self' class='sinovda-peta' "
                  "style='display:inline-block;border:1px solid #1a4f9c;color:#1a4f9c;"
                  "padding:0.5em 1em;border-radius:4px;margin:0.3em 0'>"
                  "&larr; Kembali ke peta kursus</a>")
    return ("<nav class='sinovda-navigasi' style='margin-top:2em;padding-top:1em;"
            f"border-top:1px solid #ddd'>{''.join(tautan)}</nav>")


def navigasi() -> w.HTML | None:
    """Show the navigation line at the end of a module page in Voila (None elsewhere)."""
    from IPython.display import display

    alamat = _alamat_halaman()
    if alamat is None:
        return None
    awal, nb = alamat
    # The course map is the server's root: in ``sinovda app`` and on a participant's server under
    # the hub (``sinovda.cli.voila_app`` loaded by ``sinovda.hub.pelindung``), where this link
    # went to module 00 instead (written before the hub served the map).
    peta = "../" * (nb.count("/") + 2)
    try:
        isi = html(navigasi_html(nb, peta))
    except SinovdaError:
        return None
    display(isi)
    return isi


def pesan_galat(e: Exception) -> w.HTML:
    """A workspace that cannot be opened, said in Indonesian (no traceback for participants)."""
    return html(kotak(f"Ruang kerja belum bisa dibuka: {esc(e)}", "galat"))
