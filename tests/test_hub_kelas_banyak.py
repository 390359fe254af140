"""One real ``sinovda hub --db URL`` for two classes of a PostgreSQL database.

A trainer in both classes logs in once (one name, one passcode) and sees both classes in the
dashboard (class chooser, in the browser); a participant of class A saves there and gets 403 on
class B; a facilitator of class A only gets 403 on class B; an account of a class this hub does
not serve cannot log in. Runs under the shared hub lock (see notes): ``flock
/tmp/sinovda-hub.lock``.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import requests
from conftest import ARGS, CHROMIUM, masuk_peramban
from test_hub_kelas import ROOT, Hub, _nyalakan, _proses_server

from sinovda.domain.peserta import Peserta
from sinovda.forms import pilih_kelas
from sinovda.forms.dasbor import Dasbor
from sinovda.hub import sistem
from sinovda.hub.admin import KlienAdmin
from sinovda.hub.akun import DaftarAkun
from sinovda.hub.konfigurasi import port_bebas
from sinovda.store import Store
from sinovda.store.remote import AksesDitolak, RemoteStore

pytestmark = [pytest.mark.timeout(600), pytest.mark.usefixtures("repo_terbuka")]

PC, PD = "198001012005011003", "199002022015022004"


@pytest.fixture(scope="module")
def hub_banyak(pg_url: str, tmp_path_factory):
    """Classes A (participant PC) and B (PD) served; C (facilitator ``luar``) in the database
    but not served; trainer ``dua`` in A and B, ``satu`` in A only."""
    if ROOT:
        from sinovda.domain.errors import SinovdaError
        from sinovda.hub.konfigurasi import perintah_server

        try:
            perintah_server()
        except SinovdaError as e:
            pytest.skip(f"server peserta tidak dapat dijalankan akun lain di mesin ini: {e}")
    u = uuid.uuid4().hex[:5]
    ka, kb, kc = f"hb{u}-a", f"hb{u}-b", f"hb{u}-c"
    dua, satu, luar = f"dua{u}", f"satu{u}", f"luar{u}"
    kode: dict[str, str] = {}
    for kunci, nama, peserta in ((ka, "Angkatan Ani", [Peserta(PC, "Citra Ani")]),
                                 (kb, "Angkatan Budi", [Peserta(PD, "Dedi Budi")]),
                                 (kc, "Kelas Lain", [])):
        lokasi = f"{pg_url}?kelas={kunci}"
        Store.create(lokasi, nama=nama).upsert_peserta(peserta)
        akun = DaftarAkun(lokasi)
        akun.sinkron_peserta([(p.nip, p.nama) for p in peserta])
        for p in peserta:
            kode[p.nip] = akun.set_kode(p.nip)
    kode[dua] = DaftarAkun(f"{pg_url}?kelas={ka}").tambah_fasilitator(dua, "Dr. Dua Kelas")
    DaftarAkun(pg_url).gabung_fasilitator(dua, [kb])
    kode[satu] = DaftarAkun(f"{pg_url}?kelas={ka}").tambah_fasilitator(satu, "Satu Kelas")
    kode[luar] = DaftarAkun(f"{pg_url}?kelas={kc}").tambah_fasilitator(luar, "Luar")

    tmp = tmp_path_factory.mktemp("hub-banyak")
    rumah = Path(tempfile.mkdtemp(prefix="sinovda-uji-rumah-", dir="/tmp"))
    os.chmod(rumah, 0o755)
    data = tmp / "data-hub"
    port = port_bebas()
    log = open(tmp / "hub.log", "w")  # noqa: SIM115 (closed in teardown)
    env = {k: v for k, v in os.environ.items() if k not in ("SINOVDA_DB", "SINOVDA_KELAS")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "sinovda.cli.main", "hub", "--db", pg_url, "--kelas", ka,
         "--kelas", kb, "--port", str(port), "--rumah", str(rumah), "--data", str(data)],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True, env=env,
    )
    h = Hub(tmp, port, kode, proc)
    h.kunci = (ka, kb, kc)  # type: ignore[attr-defined]
    h.nama = (dua, satu, luar)  # type: ignore[attr-defined]
    h.data = data  # type: ignore[attr-defined]
    try:
        batas = time.monotonic() + 90
        while True:
            assert proc.poll() is None, (tmp / "hub.log").read_text()
            try:
                if requests.get(h.base + "/hub/api", timeout=2).ok and requests.get(
                        h.layanan + "api/saya", timeout=2).status_code == 401:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < batas, (tmp / "hub.log").read_text()
            time.sleep(0.5)
        yield h
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(40)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)
        log.close()
        if ROOT:
            for nama, peran in ((PC, "peserta"), (PD, "peserta"), (dua, "fasilitator"),
                                (satu, "fasilitator"), (luar, "fasilitator")):
                sistem.hapus_akun_os(sistem.akun_os(nama, peran))
        shutil.rmtree(rumah, ignore_errors=True)


@contextmanager
def admin_kelas_di_peramban(hub: Hub, nama: str) -> Iterator[Any]:
    """Facilitator ``nama`` of ``hub`` (their server started) on the Admin Kelas page in
    headless chromium, once its form is there; yields the Playwright page, browser closed
    afterwards."""
    from playwright.sync_api import sync_playwright

    _nyalakan(hub, hub.login(nama), nama)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            page = browser.new_page()
            page.set_default_timeout(180_000)
            masuk_peramban(page, hub.base, nama, hub.kode[nama])
            page.goto(f"{hub.base}/user/{nama}/voila/render/admin_kelas.ipynb")
            page.get_by_role("button", name="Impor roster").wait_for()
            yield page
        finally:
            browser.close()


def test_hub_state_in_the_data_folder(hub_banyak):
    assert (hub_banyak.data / "jupyterhub.sqlite").is_file()
    assert (hub_banyak.data / "jupyterhub_cookie_secret").is_file()
    assert (hub_banyak.data.stat().st_mode & 0o777) == 0o700


def test_trainer_logs_in_once_and_sees_both_classes(hub_banyak):
    ka, kb, _ = hub_banyak.kunci
    dua = hub_banyak.nama[0]
    s = hub_banyak.login(dua)
    assert s.login_status == 302  # type: ignore[attr-defined]
    rf = RemoteStore(hub_banyak.layanan, hub_banyak.token(s, dua))
    pilih = pilih_kelas.siapkan(rf)
    assert pilih is not None
    assert {v for _, v in pilih.pilihan.options} == {ka, kb}
    d = Dasbor(rf)
    pilih.saat_ganti.append(lambda _: d.perbarui())
    nama_kelas = {}
    for kunci in (ka, kb):
        pilih.pilihan.value = kunci
        nama_kelas[kunci] = (d.kepala.value, d.isi[0].value)
    assert "Angkatan Ani" in nama_kelas[ka][0] and "Citra Ani" in nama_kelas[ka][1]
    assert "Angkatan Budi" in nama_kelas[kb][0] and "Dedi Budi" in nama_kelas[kb][1]
    assert "Dedi Budi" not in nama_kelas[ka][1]


def test_participant_of_a_saves_there_and_cannot_read_b(hub_banyak, pg_url):
    ka, kb, _ = hub_banyak.kunci
    s = hub_banyak.login(PC)
    token = hub_banyak.token(s, PC)
    ra = RemoteStore(hub_banyak.layanan, token, kelas=ka)
    ra.save(PC, "masalah", "akar_masalah", "Antrean di loket")
    rb = RemoteStore(hub_banyak.layanan, token, kelas=kb)
    for aksi in (lambda: rb.load_all(PD), lambda: rb.load_all_peserta(),
                 lambda: rb.save(PC, "masalah", "akar_masalah", "x")):
        with pytest.raises(AksesDitolak):
            aksi()
    r = requests.get(f"{hub_banyak.layanan}api/jawaban/{PD}?kelas={kb}",
                     headers={"Authorization": f"token {token}"}, timeout=10)
    assert r.status_code == 403 and "bukan anggota" in r.json()["pesan"]
    assert Store.open(f"{pg_url}?kelas={ka}").load(PC, "masalah", "akar_masalah") == \
        "Antrean di loket"
    assert Store.open(f"{pg_url}?kelas={kb}").load_all_peserta() == {PD: {}}


def test_facilitator_of_a_only_gets_403_on_b(hub_banyak):
    ka, kb, _ = hub_banyak.kunci
    satu = hub_banyak.nama[1]
    s = hub_banyak.login(satu)
    token = hub_banyak.token(s, satu)
    assert set(RemoteStore(hub_banyak.layanan, token, kelas=ka).load_all_peserta()) == {PC}
    r = requests.get(f"{hub_banyak.layanan}api/semua?kelas={kb}",
                     headers={"Authorization": f"token {token}"}, timeout=10)
    assert r.status_code == 403
    saya = RemoteStore(hub_banyak.layanan, token).saya()
    assert [k["kunci"] for k in saya["kelas"]] == [ka]
    # the Admin Kelas routes too: class A's admin, not class B's
    assert [p["nip"] for p in KlienAdmin(hub_banyak.layanan, token, kelas=ka).ringkas()[
        "peserta"]] == [PC]
    with pytest.raises(AksesDitolak):
        KlienAdmin(hub_banyak.layanan, token, kelas=kb).ringkas()


def test_an_account_of_a_class_not_served_cannot_log_in(hub_banyak):
    luar = hub_banyak.nama[2]
    assert hub_banyak.login(luar).login_status != 302  # type: ignore[attr-defined]


@pytest.mark.skipif(not ROOT, reason="server per akun di hub hanya dapat dijalankan root")
def test_participant_server_bound_to_its_class_without_the_database(hub_banyak, pg_url):
    ka = hub_banyak.kunci[0]
    s = hub_banyak.login(PC)
    _nyalakan(hub_banyak, s, PC)
    _, env = _proses_server(sistem.akun_os(PC, "peserta"))
    assert env["SINOVDA_STORE_KELAS"] == ka
    assert "SINOVDA_DB" not in env and not any(pg_url in v for v in env.values())
    s.delete(f"{hub_banyak.base}/hub/api/users/{PC}/server", timeout=60)


@pytest.mark.skipif(not ROOT or not Path(CHROMIUM).exists(),
                    reason="server per akun dan chromium Debian dibutuhkan")
def test_dashboard_in_the_browser_offers_both_classes(hub_banyak):
    """The trainer's dashboard page (Voila, the trainer's own server) shows the class chooser
    with both classes, and choosing the other class shows its participants."""
    from playwright.sync_api import expect, sync_playwright

    dua = hub_banyak.nama[0]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            page = browser.new_page()
            page.set_default_timeout(180_000)
            masuk_peramban(page, hub_banyak.base, dua, hub_banyak.kode[dua],
                           r".*/voila/render/dasbor_fasilitator\.ipynb.*")
            pilihan = page.locator(".widget-dropdown select").first
            expect(pilihan).to_be_visible(timeout=180_000)
            # (ipywidgets shows the spaces of an option as no-break spaces)
            teks = [t.replace("\xa0", " ") for t in
                    pilihan.locator("option").all_text_contents()]
            asli = pilihan.locator("option").all_text_contents()
            assert any("Angkatan Ani" in t for t in teks) and any("Angkatan Budi" in t
                                                                  for t in teks)
            badan = page.locator("body")
            expect(badan).to_contain_text("Angkatan Budi", timeout=120_000)  # newest first
            expect(badan).to_contain_text("Dedi Budi", timeout=120_000)
            pilihan.select_option(label=asli[next(i for i, t in enumerate(teks)
                                                  if "Angkatan Ani" in t)])
            expect(badan).to_contain_text("Citra Ani", timeout=120_000)
            page.screenshot(path=str(hub_banyak.kelas / "dasbor-dua-kelas.png"), full_page=True)
        finally:
            browser.close()

