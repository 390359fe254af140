"""Attacks on a real ``sinovda hub --db`` serving two classes of one PostgreSQL database.

With the API token a participant's or a facilitator's server holds, plain HTTP to the store
service and to the hub: another class, another NIP, a forged ``?kelas=`` (twice, other case or
spelling, in a header or the body), path tricks, admin/release/lock routes, test scoring, results
and report downloads of others. Every one is refused server-side (403/404/400) and the refusal
names nothing of the other class. A facilitator of class A cannot get at class B by giving a
co-trainer of A and B (or a participant of B put on A's roster) a new passcode from Admin Kelas,
nor by putting a participant of B on A's roster.
Runs under the shared hub lock (``flock /tmp/sinovda-hub.lock``).
"""

from __future__ import annotations

import base64
import os
import re
from pathlib import Path

import pytest
import requests
from conftest import ARGS, CHROMIUM, masuk_peramban
from test_hub_kelas import ROOT
from test_hub_kelas_banyak import PC, PD, admin_kelas_di_peramban
from test_hub_kelas_banyak import hub_banyak as hub_banyak  # noqa: F401 - the real hub fixture

from sinovda.store import Store

pytestmark = [pytest.mark.timeout(600), pytest.mark.usefixtures("repo_terbuka")]


def _minta(hub, token: str, metode: str, jalur: str, **kw) -> requests.Response:
    return requests.request(metode, hub.layanan + "api/" + jalur, timeout=30,
                            headers={"Authorization": f"token {token}", **kw.pop("headers", {})},
                            **kw)


def _ditolak(r: requests.Response, *rahasia: str) -> None:
    assert r.status_code in (400, 403, 404, 405), (r.status_code, r.text[:300])
    for teks in rahasia:
        assert teks not in r.text, (teks, r.text[:300])


@pytest.fixture(scope="module")
def token_pc(hub_banyak):  # noqa: F811
    return hub_banyak.token(hub_banyak.login(PC), PC)


@pytest.fixture(scope="module")
def token_satu(hub_banyak):  # noqa: F811
    satu = hub_banyak.nama[1]
    return hub_banyak.token(hub_banyak.login(satu), satu)


def test_participant_of_a_cannot_reach_class_b_by_any_spelling(hub_banyak, token_pc, pg_url):  # noqa: F811
    ka, kb, kc = hub_banyak.kunci
    Store.open(f"{pg_url}?kelas={kb}").save(PD, "masalah", "akar_masalah", "RAHASIA-B",
                                            peran="sistem")
    jalur = [f"jawaban/{PD}", f"jawaban/{PD}/masalah", f"jawaban/{PD}/masalah/akar_masalah",
             f"riwayat/{PD}/masalah/akar_masalah", f"ekspor/{PD}", f"peserta/{PD}", "peserta",
             "semua", "aktivitas", "kelas", f"hasil/{PD}", f"hasil/{PD}/laporan.pdf",
             f"hasil/{PD}/sertifikat.pdf", f"tes/{PD}/pretest", "tes-kelas/pretest",
             "admin/ringkas", "admin/unduh/rekap", "admin/unduh/sertifikat"]
    kelas_palsu = [kb, kb.upper(), kb.replace("-", "_"), f"{kb}%20", kc, "..", f"{ka}/../{kb}",
                   f"{ka}&kelas={kb}"]
    for j in jalur:
        for k in kelas_palsu:
            _ditolak(_minta(hub_banyak, token_pc, "GET", f"{j}?kelas={k}"), "RAHASIA-B",
                     "Dedi Budi")
        # the class in a header or a body instead of the query: no class, two served -> 400
        _ditolak(_minta(hub_banyak, token_pc, "GET", j, headers={"X-Kelas": kb}), "RAHASIA-B")
    # another NIP in one's own class, and path tricks on the NIP
    for nip in (PD, f"{PC}%2F..%2F{PD}", f"..%2F{PD}", f"{PC}%20", PC.upper() + "x", "%2A"):
        _ditolak(_minta(hub_banyak, token_pc, "GET", f"jawaban/{nip}?kelas={ka}"), "RAHASIA-B")
    for j in (f"jawaban/../jawaban/{PD}", f"jawaban/%2e%2e/{PD}/masalah"):
        _ditolak(_minta(hub_banyak, token_pc, "GET", f"{j}?kelas={kb}"), "RAHASIA-B")


def test_participant_cannot_write_release_lock_or_admin(hub_banyak, token_pc, pg_url):  # noqa: F811
    ka, kb, _ = hub_banyak.kunci
    for k in (ka, kb):
        for metode, j, isi in (
                ("PUT", f"jawaban/{PD}/masalah/akar_masalah", {"value": "x"}),
                ("PUT", f"jawaban/{PC}/penilaian/catatan", {"value": "nilai saya 100"}),
                ("PUT", f"jawaban/{PC}/pengantar/pretest_skor",
                 {"value": {"benar": 9, "total": 9, "nilai": 100}}),
                ("POST", f"pulihkan/{PD}/masalah/akar_masalah", {"revisi": 1}),
                ("POST", f"tes/{PD}/pretest", {"jawaban": {}}),
                ("POST", "admin/rilis", {"nips": None, "rilis": True}),
                ("POST", "admin/modul/masalah", {"kunci": True}),
                ("POST", "admin/laporan", {}),
                ("POST", "admin/setelan", {"tempat": "x"}),
                ("POST", f"admin/kode/{PC}", {}), ("POST", "admin/kode-baru", {}),
                ("POST", f"admin/buka-kunci/{PC}", {}),
                ("POST", "admin/fasilitator", {"nama": "penyusup", "label": "x"}),
                ("DELETE", f"admin/fasilitator/{hub_banyak.nama[0]}", None),
                ("POST", "admin/roster", {"nama_berkas": "r.csv", "isi": base64.b64encode(
                    f"nip,nama\n{PC},X\n".encode()).decode()})):
            _ditolak(_minta(hub_banyak, token_pc, metode, f"{j}?kelas={k}", json=isi))
    assert Store.open(f"{pg_url}?kelas={ka}").load(PC, "penilaian", "catatan") is None


def test_participant_token_gets_nothing_of_others_from_the_hub(hub_banyak, token_pc):  # noqa: F811
    h = {"Authorization": f"token {token_pc}"}
    for j in ("users", f"users/{PD}", "groups", f"users/{PD}/tokens"):
        r = requests.get(f"{hub_banyak.base}/hub/api/{j}", headers=h, timeout=30)
        assert r.status_code in (403, 404), (j, r.status_code, r.text[:200])
    r = requests.post(f"{hub_banyak.base}/hub/api/users/{PD}/tokens", headers=h, json={},
                      timeout=30)
    assert r.status_code in (403, 404)


def test_facilitator_of_a_cannot_reach_b(hub_banyak, token_satu):  # noqa: F811
    ka, kb, _ = hub_banyak.kunci
    for metode, j, isi in (
            ("GET", "semua", None), ("GET", "peserta", None), ("GET", f"jawaban/{PD}", None),
            ("GET", "admin/ringkas", None), ("GET", f"hasil/{PD}", None),
            ("GET", f"hasil/{PD}/laporan.pdf", None), ("GET", "tes-kelas/pretest", None),
            ("GET", "admin/unduh/rekap", None),
            ("PUT", f"jawaban/{PD}/penilaian/catatan", {"value": "x"}),
            ("POST", "admin/rilis", {"nips": None}), ("POST", f"admin/kode/{PD}", {}),
            ("POST", "admin/modul/masalah", {"kunci": True})):
        for k in (kb, kb.upper(), kb.replace("-", "_")):
            _ditolak(_minta(hub_banyak, token_satu, metode, f"{j}?kelas={k}", json=isi),
                     "RAHASIA-B", "Dedi Budi")
    # in A, a NIP of B is not found either
    _ditolak(_minta(hub_banyak, token_satu, "GET", f"peserta/{PD}?kelas={ka}"), "Dedi Budi")
    _ditolak(_minta(hub_banyak, token_satu, "POST", f"admin/kode/{PD}?kelas={ka}"), "Dedi Budi")


def test_facilitator_of_a_sees_and_stops_no_server_of_class_b_through_the_hub(
        hub_banyak, token_satu):  # noqa: F811
    """JupyterHub's own API with a facilitator's token: the users and servers of class A, not
    those of class B (their NIPs are B's roster)."""
    assert hub_banyak.login(PD).login_status == 302 and hub_banyak.login(PC).login_status == 302
    h = {"Authorization": f"token {token_satu}"}
    r = requests.get(f"{hub_banyak.base}/hub/api/users", headers=h, timeout=30)
    assert r.status_code == 200, r.text[:200]
    nama = {u["name"] for u in r.json()}
    assert PC in nama and PD not in nama
    r = requests.get(f"{hub_banyak.base}/hub/api/users/{PC}", headers=h, timeout=30)
    assert r.status_code == 200 and r.json()["name"] == PC  # class A's: still theirs to see
    for metode, j in (("GET", f"users/{PD}"), ("POST", f"users/{PD}/server"),
                      ("DELETE", f"users/{PD}/server"), ("GET", "groups")):
        r = requests.request(metode, f"{hub_banyak.base}/hub/api/{j}", headers=h, timeout=60)
        assert r.status_code in (403, 404) or PD not in r.text, (j, r.status_code, r.text[:200])
    assert PD not in requests.get(f"{hub_banyak.base}/hub/api/groups", headers=h,
                                  timeout=30).text


@pytest.mark.skipif(not ROOT or not Path(CHROMIUM).exists(),
                    reason="server per akun dan chromium Debian dibutuhkan")
def test_trainer_of_both_classes_switches_and_every_page_follows(hub_banyak):  # noqa: F811
    """In chromium: the trainer of A and B chooses a class on the dashboard; Admin Kelas and
    Penilaian opened afterwards show that class's participants only, and choosing the other
    class switches all three. Screenshots in $SINOVDA_UJI_GAMBAR (if set)."""
    from playwright.sync_api import expect, sync_playwright

    dua = hub_banyak.nama[0]
    gambar = Path(os.environ.get("SINOVDA_UJI_GAMBAR") or hub_banyak.kelas)
    gambar.mkdir(parents=True, exist_ok=True)
    dasar = f"{hub_banyak.base}/user/{dua}/voila/render"

    def pilih(page, nama_kelas: str) -> None:
        pilihan = page.locator(".widget-dropdown select").first
        expect(pilihan).to_be_visible(timeout=180_000)
        asli = pilihan.locator("option").all_text_contents()
        pilihan.select_option(label=next(t for t in asli if nama_kelas in t.replace("\xa0", " ")))

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(180_000)
            masuk_peramban(page, hub_banyak.base, dua, hub_banyak.kode[dua],
                           r".*/voila/render/dasbor_fasilitator\.ipynb.*")
            badan = page.locator("body")
            for nama_kelas, ada, tidak in (("Angkatan Ani", "Citra Ani", "Dedi Budi"),
                                           ("Angkatan Budi", "Dedi Budi", "Citra Ani")):
                pilih(page, nama_kelas)
                expect(badan).to_contain_text(ada, timeout=120_000)
                page.wait_for_timeout(1500)
                page.screenshot(path=str(gambar / f"dasbor-{ada.split()[0]}.png"),
                                full_page=True)
                expect(badan).not_to_contain_text(tidak)
                for halaman in ("admin_kelas", "penilaian"):
                    page.goto(f"{dasar}/{halaman}.ipynb")
                    expect(badan).to_contain_text(ada, timeout=180_000)
                    page.wait_for_timeout(1500)
                    page.screenshot(path=str(gambar / f"{halaman}-{ada.split()[0]}.png"),
                                    full_page=True)
                    expect(badan).not_to_contain_text(tidak)
                page.goto(f"{dasar}/dasbor_fasilitator.ipynb")
        finally:
            browser.close()


@pytest.mark.skipif(not ROOT or not Path(CHROMIUM).exists(),
                    reason="server per akun dan chromium Debian dibutuhkan")
def test_admin_kelas_page_refuses_a_roster_with_a_participant_of_b(hub_banyak, pg_url,
                                                                   tmp_path):  # noqa: F811
    """In chromium, A's trainer uploads on Admin Kelas a roster holding B's participant: the
    page names the NIP and class B, nothing imported; with 'Peserta mengulang dari kelas
    lain' ticked the service still refuses (satu does not teach B). Screenshot in
    $SINOVDA_UJI_GAMBAR (if set)."""
    from playwright.sync_api import expect

    ka, kb, _ = hub_banyak.kunci
    satu = hub_banyak.nama[1]
    gambar = Path(os.environ.get("SINOVDA_UJI_GAMBAR") or hub_banyak.kelas)
    gambar.mkdir(parents=True, exist_ok=True)
    berkas = tmp_path / "roster-a.csv"
    berkas.write_text(f"NIP,Nama,Jabatan,OPD,Instansi\n{PD},Nama Salah,Staf,Dinas,Pemkab\n",
                      encoding="utf-8")
    with admin_kelas_di_peramban(hub_banyak, satu) as page:
        with page.expect_file_chooser() as pilih:
            page.locator(".widget-upload").click()
        pilih.value.set_files(str(berkas))
        page.get_by_role("button", name="Impor roster").click()
        badan = page.locator("body")
        expect(badan).to_contain_text(f"NIP {PD} (Nama Salah) di kelas", timeout=120_000)
        expect(badan).to_contain_text("tidak ada peserta yang diimpor")
        page.screenshot(path=str(gambar / "admin-kelas-roster-kelas-lain.png"),
                        full_page=True)
        page.get_by_role("checkbox", name="Peserta mengulang dari kelas lain").check()
        page.get_by_role("button", name="Impor roster").click()
        expect(badan).to_contain_text("tidak Anda ampu", timeout=120_000)
        page.screenshot(path=str(gambar / "admin-kelas-roster-kelas-lain-2.png"),
                        full_page=True)
    assert [p.nip for p in Store.open(f"{pg_url}?kelas={ka}").daftar_peserta()] == [PC]


def test_facilitator_of_a_cannot_take_over_an_account_of_b_with_a_new_passcode(
        hub_banyak, token_satu, pg_url):  # noqa: F811
    """A co-trainer of A and B, or a participant of B put on A's roster: a new passcode from
    A's Admin Kelas would let A's trainer log in as them and open class B. A's trainer cannot
    put B's participant on A's roster either (that bound their server to the newest class and
    renamed them database-wide): refused, and with "peserta mengulang" 403 for a trainer who
    does not teach B; the server's operator can."""
    from sinovda.hub.admin import OperasiAdmin
    from sinovda.hub.akun import DaftarAkun

    ka, kb, _ = hub_banyak.kunci
    dua = hub_banyak.nama[0]
    r = _minta(hub_banyak, token_satu, "POST", f"admin/kode/{dua}?kelas={ka}")
    assert r.status_code in (400, 403), r.text[:300]
    assert "kode" not in r.json() or not r.json().get("kode")
    assert hub_banyak.login(dua).login_status == 302  # their passcode still works
    teks = (f"NIP,Nama,Jabatan,OPD,Instansi\n{PC},Citra Ani,Staf,Dinas,Pemkab\n"
            f"{PD},Nama Salah,Staf,Dinas,Pemkab\n")
    roster = base64.b64encode(teks.encode()).decode()
    r = _minta(hub_banyak, token_satu, "POST", f"admin/roster?kelas={ka}",
               json={"nama_berkas": "roster.csv", "isi": roster})
    assert r.status_code == 400, r.text[:300]
    assert f"NIP {PD} (Nama Salah) di kelas" in r.json()["pesan"] and kb in r.json()["pesan"]
    assert "tidak ada peserta yang diimpor" in r.json()["pesan"]
    r = _minta(hub_banyak, token_satu, "POST", f"admin/roster?kelas={ka}",
               json={"nama_berkas": "roster.csv", "isi": roster, "kelas_lain": True})
    assert r.status_code == 403 and "tidak Anda ampu" in r.json()["pesan"], r.text[:300]
    la = f"{pg_url}?kelas={ka}"
    assert [p.nip for p in Store.open(la).daftar_peserta()] == [PC]
    assert ka not in DaftarAkun(pg_url).kelas_anggota(PD)
    assert DaftarAkun(pg_url).get(PD).label == "Dedi Budi"
    # the server's operator puts PD on A's roster (repeating); their name stays theirs
    OperasiAdmin(la).impor_roster("roster.csv", teks.encode(), kelas_lain=True)
    assert DaftarAkun(pg_url).get(PD).label == "Dedi Budi"
    r = _minta(hub_banyak, token_satu, "POST", f"admin/kode/{PD}?kelas={ka}")
    assert r.status_code in (400, 403), r.text[:300]
    assert hub_banyak.login(PD).login_status == 302



def test_a_nip_in_both_classes_lands_in_the_newest_and_answers_never_mix(hub_banyak, pg_url):  # noqa: F811
    """After the roster above, PD is in A and B (B is newer): their server is bound to B; what
    they save naming A stays in A, naming B stays in B."""
    ka, kb, _ = hub_banyak.kunci
    s = hub_banyak.login(PD)
    token = hub_banyak.token(s, PD)
    saya = requests.get(f"{hub_banyak.layanan}api/saya", timeout=30,
                        headers={"Authorization": f"token {token}"}).json()
    assert [k["kunci"] for k in saya["kelas"]] == [kb, ka]  # newest first
    for k, teks in ((ka, "jawaban di A"), (kb, "jawaban di B")):
        r = _minta(hub_banyak, token, "PUT", f"jawaban/{PD}/masalah/akar_masalah?kelas={k}",
                   json={"value": teks})
        assert r.status_code == 200, r.text
    assert Store.open(f"{pg_url}?kelas={ka}").load(PD, "masalah", "akar_masalah") == \
        "jawaban di A"
    assert Store.open(f"{pg_url}?kelas={kb}").load(PD, "masalah", "akar_masalah") == \
        "jawaban di B"
    if ROOT:
        from test_hub_kelas import _nyalakan, _proses_server

        from sinovda.hub import sistem

        _nyalakan(hub_banyak, s, PD)
        _, env = _proses_server(sistem.akun_os(PD, "peserta"))
        assert env["SINOVDA_STORE_KELAS"] == kb
        s.delete(f"{hub_banyak.base}/hub/api/users/{PD}/server", timeout=60)


def test_login_lockout_on_the_database_hub_and_unlock_from_the_cli(hub_banyak, pg_url):  # noqa: F811
    import subprocess
    import sys

    from sinovda.data.settings import load_masuk

    ka = hub_banyak.kunci[0]
    for _ in range(load_masuk().gagal_maks):
        assert hub_banyak.login(PC, "SALAH-SALAH").login_status != 302
    assert hub_banyak.login(PC).login_status != 302  # locked: the right passcode too
    env = {**os.environ, "SINOVDA_DB": pg_url}
    env.pop("SINOVDA_KELAS", None)
    r = subprocess.run([sys.executable, "-m", "sinovda.cli.main", "kode-akses", "--kelas", ka,
                        "--buka-kunci", PC], env=env, capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0 and "dibuka" in r.stdout, r.stdout + r.stderr
    assert hub_banyak.login(PC).login_status == 302


def test_a_forged_client_address_header_does_not_choose_the_address_counted(hub_banyak):  # noqa: F811
    """The address lock counts the real client: X-Real-Ip / X-Forwarded-For sent by the
    client itself are not believed (else one could spray passcodes over many NIPs from 'new'
    addresses)."""
    import time

    s = requests.Session()
    s.headers.update({"X-Real-Ip": "203.0.113.77", "X-Forwarded-For": "203.0.113.78"})
    r = s.get(hub_banyak.base + "/hub/login", timeout=30)
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', r.text).group(1)
    r = s.post(hub_banyak.base + "/hub/login", allow_redirects=False, timeout=60,
               data={"username": "199901012020011001", "password": "SALAH", "_xsrf": xsrf})
    assert r.status_code != 302
    time.sleep(1)
    log = (hub_banyak.kelas / "hub.log").read_text(errors="replace")
    baris = [b for b in log.splitlines() if "Login gagal untuk '199901012020011001'" in b]
    assert baris, (r.status_code, log[-1500:])
    assert "203.0.113." not in baris[-1] and baris[-1].endswith("127.0.0.1"), baris[-1]
