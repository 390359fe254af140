"""Admin Kelas on a real ``sinovda hub --db`` serving two classes. In the browser (Debian
chromium + Playwright): facilitator ``satu`` (class A only) adds ``luar``, a trainer who already
has an account in class C (a class this hub does not serve, so ``luar`` cannot log in), to class
A from the Fasilitator tab. The page says no new passcode was made; ``luar`` then logs in to this
hub with the passcode they already had, and class A's admin log names who added them. Over the
hub's API: reports built by the hub's own store service land in the database, not on its disk,
and are served after release. Runs under the shared hub lock (``flock /tmp/sinovda-hub.lock``).
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from conftest import CHROMIUM
from test_hub_kelas import ROOT
from test_hub_kelas_banyak import PC, PD, admin_kelas_di_peramban
from test_hub_kelas_banyak import hub_banyak as hub_banyak  # noqa: F401 - the real hub fixture

from sinovda.domain.errors import AksesDitolak
from sinovda.hub.admin import KlienAdmin
from sinovda.hub.akun import DaftarAkun
from sinovda.store.admin import DataAdmin
from sinovda.store.berkas import BerkasKelas

SIMPAN_GAMBAR = os.environ.get("SINOVDA_UJI_GAMBAR", "")  # a copy of the screenshot, to look at

pytestmark = [
    pytest.mark.timeout(600), pytest.mark.usefixtures("repo_terbuka"),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium Debian tidak terpasang"),
    pytest.mark.skipif(not ROOT, reason="server per akun di hub hanya dapat dijalankan root"),
]


def test_a_trainer_of_another_class_is_added_from_admin_kelas(hub_banyak, pg_url):  # noqa: F811
    from playwright.sync_api import expect

    ka, _, kc = hub_banyak.kunci
    _, satu, luar = hub_banyak.nama
    assert hub_banyak.login(luar).login_status != 302  # not a member of a served class yet
    with admin_kelas_di_peramban(hub_banyak, satu) as page:
        page.locator(".lm-TabBar-tab", has_text="Fasilitator").click()
        nama = page.locator(".widget-text:visible").filter(has=page.locator(
            ".widget-label", has_text=re.compile("^Nama akun$"))).locator("input")
        nama.fill(luar)
        nama.press("Enter")  # the value reaches the kernel before the click
        page.get_by_role("button", name="Tambah fasilitator").click()
        badan = page.locator("body")
        expect(badan).to_contain_text("sudah punya akun", timeout=120_000)
        expect(badan).to_contain_text("tidak ada kode baru")
        assert "kode akses <code>" not in page.content()  # no passcode shown
        page.screenshot(path=str(hub_banyak.kelas / "admin-kelas-gabung.png"),
                        full_page=True)
        if SIMPAN_GAMBAR:
            page.screenshot(path=SIMPAN_GAMBAR, full_page=True)
    # server-side: a member of A now, with the passcode they had; C keeps them
    assert set(DaftarAkun(pg_url, kelas=[ka, kc]).kelas_anggota(luar)) == {ka, kc}
    assert hub_banyak.login(luar, hub_banyak.kode[luar]).login_status == 302
    c = DataAdmin(f"{pg_url}?kelas={ka}").log()[0]
    assert (c.oleh, c.aksi) == (f"fasilitator:{satu}", "tambah fasilitator (akun yang ada)")


def test_reports_built_by_the_hubs_store_service_are_served_from_the_database(
        hub_banyak, pg_url):  # noqa: F811
    """The real hub's store service (the hub's own process tree, in its data folder) builds
    class A's reports from Admin Kelas into the database: nothing is written on its disk, and
    the participant downloads their PDF after release (a participant of B: 403)."""
    ka, _, _ = hub_banyak.kunci
    satu = hub_banyak.nama[1]

    def klien(nama: str) -> KlienAdmin:
        return KlienAdmin(hub_banyak.layanan, hub_banyak.token(hub_banyak.login(nama), nama),
                          kelas=ka)

    fas, pc, pd = klien(satu), klien(PC), klien(PD)
    fas.buat_laporan()
    batas = time.monotonic() + 300
    while (status := fas.ringkas()["laporan"])["berjalan"]:
        assert time.monotonic() < batas, status
        time.sleep(1)
    assert "berhasil 1, gagal 0" in status["teks"], status["teks"]
    assert "basis data kelas" in status["teks"]
    assert not list(hub_banyak.data.glob("laporan-*"))  # nothing on the service's disk
    simpanan = BerkasKelas(f"{pg_url}?kelas={ka}").baca(PC, "laporan.pdf")
    assert simpanan is not None and simpanan.startswith(b"%PDF")
    with pytest.raises(AksesDitolak, match="belum dirilis"):
        pc.berkas(PC, "laporan")
    fas.rilis([PC])
    assert pc.berkas(PC, "laporan") == simpanan
    with pytest.raises(AksesDitolak, match="bukan anggota"):
        pd.berkas(PC, "laporan")
