"""A real JupyterHub for a small class on 127.0.0.1: login, isolation, facilitator's view.

Runs ``sinovda hub`` in a subprocess (free ports, bounded waits, always stopped). As root (CI), each
account's server runs as its own system user, created by the command and removed afterwards.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import requests

from sinovda.domain.peserta import Peserta
from sinovda.forms.dasbor import Dasbor
from sinovda.forms.penilaian import FormPenilaian
from sinovda.hub import sistem
from sinovda.hub.akun import DaftarAkun
from sinovda.hub.konfigurasi import port_bebas
from sinovda.store import Store
from sinovda.store.remote import AksesDitolak, RemoteStore

pytestmark = [pytest.mark.timeout(300), pytest.mark.usefixtures("repo_terbuka")]

A, B, C = "198503152010011001", "197506171999042901", "199110182020101902"
FAS = "fasuji"
ROOT = os.geteuid() == 0


class Hub:
    """A running ``sinovda hub`` for a test class."""

    def __init__(
        self, kelas: Path, port: int, kode: dict[str, str], proc: subprocess.Popen
    ) -> None:
        self.kelas, self.port, self.kode, self.proc = kelas, port, kode, proc
        self.base = f"http://127.0.0.1:{port}"
        self.layanan = f"{self.base}/services/sinovda-store/"

    def login(self, nama: str, kode: str | None = None) -> requests.Session:
        s = requests.Session()
        r = s.get(self.base + "/hub/login", timeout=30)
        xsrf = re.search(r'name="_xsrf" value="([^"]+)"', r.text).group(1)
        assert "NIP" in r.text and "Kode akses" in r.text  # login form in Bahasa Indonesia
        r = s.post(
            self.base + "/hub/login",
            data={"username": nama, "password": kode or self.kode[nama], "_xsrf": xsrf},
            allow_redirects=False,
            timeout=60,
        )
        s.login_status = r.status_code  # type: ignore[attr-defined]
        s.headers["X-XSRFToken"] = s.cookies.get("_xsrf") or ""
        return s

    def token(self, s: requests.Session, nama: str) -> str:
        r = s.post(f"{self.base}/hub/api/users/{nama}/tokens", json={"note": "uji"}, timeout=30)
        assert r.status_code == 201, r.text
        return r.json()["token"]


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    yield from jalankan_hub(tmp_path_factory)


def jalankan_hub(tmp_path_factory, env: dict[str, str] | None = None,
                 argumen: list[str] | None = None):
    """Start ``sinovda hub`` for a new class (A, B and facilitator FAS with passcodes), yield a
    ``Hub`` once it answers, then stop it and remove its system users. ``env``: extra variables
    for the hub process (e.g. ``SINOVDA_MODUL``); ``argumen``: extra options of ``sinovda hub``
    (with ``--domain`` the store service is reached on its own host, so only the hub is awaited).
    """
    argumen = list(argumen or [])
    if ROOT:
        from sinovda.domain.errors import SinovdaError
        from sinovda.hub.konfigurasi import perintah_server

        try:
            perintah_server()
        except SinovdaError as e:  # e.g. a checkout under /root: say why, do not fake it
            pytest.skip(f"server peserta tidak dapat dijalankan akun lain di mesin ini: {e}")
    tmp = tmp_path_factory.mktemp("hub")
    kelas = tmp / "kelas"
    st = Store.create(kelas, nama="Kelas Uji Hub")
    st.upsert_peserta([Peserta(A, "Ani Lestari"), Peserta(B, "Budi <b>Santoso</b>")])
    akun = DaftarAkun(kelas)
    akun.sinkron_peserta([(A, "Ani Lestari"), (B, "Budi")])
    kode = {A: akun.set_kode(A), B: akun.set_kode(B), FAS: akun.tambah_fasilitator(FAS)}
    # homes must be reachable by the system users: not under pytest's private tmp folder
    rumah = Path(tempfile.mkdtemp(prefix="sinovda-uji-rumah-", dir="/tmp"))
    os.chmod(rumah, 0o755)
    port = port_bebas()
    log = open(tmp / "hub.log", "w")  # noqa: SIM115 (closed in teardown)
    proc = subprocess.Popen(
        [sys.executable, "-m", "sinovda.cli.main", "hub", "--kelas", str(kelas),
         "--port", str(port), "--rumah", str(rumah), *argumen],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        env={**os.environ, **(env or {})},
    )
    h = Hub(kelas, port, kode, proc)
    h.log = tmp / "hub.log"  # type: ignore[attr-defined]
    try:
        batas = time.monotonic() + 90
        while True:
            assert proc.poll() is None, (tmp / "hub.log").read_text()
            try:
                if requests.get(h.base + "/hub/api", timeout=2).ok and (
                    "--domain" in argumen
                    or requests.get(h.layanan + "api/saya", timeout=2).status_code == 401
                ):
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
            for nama, peran in ((A, "peserta"), (B, "peserta"), (C, "peserta"),
                                (FAS, "fasilitator")):
                sistem.hapus_akun_os(sistem.akun_os(nama, peran))
        shutil.rmtree(rumah, ignore_errors=True)


def test_login_dengan_nip_dan_kode(hub):
    assert hub.login(A).login_status == 302
    assert hub.login(B, hub.kode[A]).login_status == 403  # someone else's code
    assert hub.login(A, "ZZZZ-ZZZZ").login_status == 403
    assert hub.login("199901012020121001", "ZZZZ-ZZZZ").login_status == 403  # not on roster


def test_peserta_hanya_jawabannya_sendiri(hub):
    sa, sb = hub.login(A), hub.login(B)
    ra = RemoteStore(hub.layanan, hub.token(sa, A))
    rb = RemoteStore(hub.layanan, hub.token(sb, B))
    assert ra.saya() == {"nama": A, "peran": "peserta"}
    ra.save(A, "masalah", "akar_masalah", "Antrean panjang di loket")
    rb.save(B, "masalah", "akar_masalah", "Data tidak sinkron")
    assert ra.load(A, "masalah", "akar_masalah") == "Antrean panjang di loket"
    assert [p.nip for p in ra.daftar_peserta()] == [A]  # the roster is not shown to participants
    for aksi in (
        lambda: ra.load(B, "masalah", "akar_masalah"),
        lambda: ra.save(B, "masalah", "akar_masalah", "ditimpa"),
        lambda: ra.load_all(B),
        lambda: ra.history(B, "masalah", "akar_masalah"),
        lambda: ra.load_all_peserta(),
        lambda: ra.save(A, "penilaian", "catatan", "nilai sendiri"),
    ):
        with pytest.raises(AksesDitolak):
            aksi()
    # the raw HTTP answer is 403, with or without the hub's other checks
    url = hub.layanan + f"api/jawaban/{B}/masalah/akar_masalah"
    r = requests.get(url, headers={"Authorization": f"token {ra.token}"}, timeout=10)
    assert r.status_code == 403 and "peserta lain" in r.json()["pesan"]
    r = requests.put(url, json={"value": "x"}, headers={"Authorization": "token salah"}, timeout=10)
    assert r.status_code == 401
    st = Store.open(hub.kelas)
    assert st.load(B, "masalah", "akar_masalah") == "Data tidak sinkron"
    assert st.load(A, "penilaian", "catatan") is None


def _proses_server(nama_os: str) -> tuple[list[str], dict[str, str]]:
    uid = pwd.getpwnam(nama_os).pw_uid
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if os.stat(f"/proc/{pid}").st_uid != uid:
                continue
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            raw = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if any(b"singleuser" in c or b"server_peserta" in c for c in cmd):
            env = dict(e.decode().split("=", 1) for e in raw if b"=" in e)
            return [c.decode() for c in cmd if c], env
    raise AssertionError(f"tidak ada server Jupyter milik {nama_os}")


KODE_KERNEL = """
import sys
from sinovda.forms.konteks import peserta_aktif, store_aktif
try:
    open(sys.argv[1], "rb")
    print("DB-TERBUKA")
except PermissionError:
    print("DB-TERTUTUP")
st = store_aktif()
nip = peserta_aktif(st)
print(type(st).__name__, nip)
st.save(nip, "inovasi", "kriteria", {"kebaruan": True})
try:
    st.load(sys.argv[2], "masalah", "akar_masalah")
    print("BOCOR")
except Exception as e:
    print("DITOLAK", type(e).__name__)
"""


def _nyalakan(hub: Hub, s: requests.Session, nama: str) -> None:
    r = s.post(f"{hub.base}/hub/api/users/{nama}/server", timeout=120)
    log = getattr(hub, "log", None)
    assert r.status_code in (201, 202), (r.text, log.read_text()[-6000:] if log else "")
    batas = time.monotonic() + 90
    while not s.get(f"{hub.base}/hub/api/users/{nama}", timeout=10).json()["servers"].get(
        "", {}
    ).get("ready"):
        assert time.monotonic() < batas, f"server {nama} tidak siap dalam 90 detik"
        time.sleep(0.5)


@pytest.mark.skipif(not ROOT, reason="akun sistem terpisah hanya bisa dibuat sebagai root")
def test_server_peserta_berjalan_sebagai_akun_sendiri(hub):
    s = hub.login(A)
    _nyalakan(hub, s, A)
    # the participant lands on the course map, which leads to the code-free view of module 00
    r = s.get(f"{hub.base}/user/{A}/", timeout=60)  # (after the hub's OAuth redirects)
    assert r.status_code == 200 and r.url == f"{hub.base}/user/{A}/", (r.status_code, r.url)
    assert "Peta kursus" in r.text
    r = s.get(f"{hub.base}/user/{A}/voila/render/00_pengantar.ipynb", timeout=120)
    assert r.status_code == 200 and "Pengantar" in r.text, r.text[-2000:]
    # Voila ran module 00 in a kernel of this user: a widget, no error or stderr output
    assert "widget-view+json" in r.text
    assert "Traceback" not in r.text and "application/vnd.jupyter.stderr" not in r.text
    nama_os = sistem.akun_os(A, "peserta")
    cmd, env = _proses_server(nama_os)
    assert "SINOVDA_KELAS" not in env and env["SINOVDA_STORE_URL"]
    # code run with the server's identity and env (as its kernels are): no DB, own answers only
    info = pwd.getpwnam(nama_os)
    hasil = subprocess.run(
        [cmd[0], "-c", KODE_KERNEL, str(hub.kelas / "sinovda.db"), B],
        env=env, cwd=info.pw_dir, capture_output=True, text=True, timeout=60,
        user=info.pw_uid, group=info.pw_gid, extra_groups=[],
    )
    assert hasil.returncode == 0, hasil.stderr
    baris = hasil.stdout.split("\n")[:3]
    assert baris == ["DB-TERTUTUP", f"RemoteStore {A}", "DITOLAK AksesDitolak"]
    assert Store.open(hub.kelas).load(A, "inovasi", "kriteria") == {"kebaruan": True}
    s.delete(f"{hub.base}/hub/api/users/{A}/server", timeout=60)


def test_fasilitator_membaca_semua_dan_menilai(hub):
    sa, sb = hub.login(A), hub.login(B)
    RemoteStore(hub.layanan, hub.token(sa, A)).save(A, "masalah", "isu_inti", "Antrean")
    RemoteStore(hub.layanan, hub.token(sb, B)).save(B, "masalah", "isu_inti", "Data")
    sf = hub.login(FAS)
    rf = RemoteStore(hub.layanan, hub.token(sf, FAS))
    assert rf.saya()["peran"] == "fasilitator"
    # facilitators form the "fasilitator" group (their role: see every server, open none);
    # participants are plain users; nobody is a hub admin
    m = sf.get(f"{hub.base}/hub/api/users/{FAS}", timeout=10).json()
    assert m["admin"] is False and m["groups"] == ["fasilitator"]
    assert sf.get(f"{hub.base}/hub/api/users", timeout=10).status_code == 200
    assert sa.get(f"{hub.base}/hub/api/users", timeout=10).status_code == 403
    m = sa.get(f"{hub.base}/hub/api/users/{A}", timeout=10).json()
    assert m["admin"] is False and m["groups"] == ["peserta"]
    semua = rf.load_all_peserta()
    assert semua[A]["masalah"]["isu_inti"] == "Antrean"
    assert semua[B]["masalah"]["isu_inti"] == "Data"
    assert {p.nip for p in rf.daftar_peserta()} == {A, B}
    assert set(rf.last_activity()) == {A, B}
    # the facilitator lands in the dashboard, run by Voila as the facilitator's system user
    if ROOT:
        _nyalakan(hub, sf, FAS)
        r = sf.get(f"{hub.base}/user/{FAS}/", allow_redirects=False, timeout=30)
        lokasi = r.headers["Location"].split("?")[0]
        assert lokasi.endswith("/voila/render/dasbor_fasilitator.ipynb")
        r = sf.get(f"{hub.base}{r.headers['Location']}", timeout=120)
        assert r.status_code == 200 and "widget-view+json" in r.text
        assert "Traceback" not in r.text and "application/vnd.jupyter.stderr" not in r.text
        assert "ajax/libs/mathjax" not in r.text  # no MathJax from a CDN (offline: an error)
        # facilitators (trusted) keep JupyterLab; participants' servers have none
        assert sf.get(f"{hub.base}/user/{FAS}/lab", timeout=60).status_code == 200
        sf.delete(f"{hub.base}/hub/api/users/{FAS}/server", timeout=60)
    # the dashboard, built on the facilitator's remote store, shows both participants
    d = Dasbor(rf)
    assert "Ani Lestari" in d.isi[0].value and "Budi &lt;b&gt;Santoso&lt;/b&gt;" in d.isi[0].value
    # grading through the form, over the store service, lands in the class store ...
    f = FormPenilaian(rf, B)
    manual = next(k for k in f.rubrik.kriteria if not k.otomatis)
    f.skor[manual.kode].value = "3"
    f.komentar[manual.kode].value = "Masalahnya tajam sekali"
    f.catatan.value = "Bagus, perjelas indikatornya"
    st = Store.open(hub.kelas)
    assert st.load(B, "penilaian", "catatan") == "Bagus, perjelas indikatornya"
    assert st.load(B, "penilaian", "rubrik")[manual.kode]["skor"] == 3
    # ... the participant does not see it before the trainer releases the results (the service
    # decides, whatever the participant's kernel asks) ...
    rb = RemoteStore(hub.layanan, hub.token(sb, B))
    assert rb.load(B, "penilaian", "catatan") is None
    assert "penilaian" not in rb.load_all(B)
    assert rb.history(B, "penilaian", "catatan") == []
    assert all(j["modul"] != "penilaian" for j in rb.export_workbook(B)["jawaban"])
    # ... after release they can read it on their own work, but not change it ...
    from sinovda.store.admin import DataAdmin

    DataAdmin(hub.kelas).rilis([B], oleh=f"fasilitator:{FAS}")
    assert rb.load(B, "penilaian", "catatan") == "Bagus, perjelas indikatornya"
    assert "penilaian" in rb.load_all(B)
    with pytest.raises(AksesDitolak, match="fasilitator"):
        FormPenilaian(rb, B)  # the grading form needs the class roster: facilitators only
    with pytest.raises(AksesDitolak, match="fasilitator"):
        rb.save(B, "penilaian", "rubrik", {manual.kode: {"skor": 4}})
    assert st.load(B, "penilaian", "rubrik")[manual.kode]["skor"] == 3
    # ... and it appears in that participant's report
    from sinovda.report.batch import run_laporan

    keluaran = hub.kelas.parent / "laporan"
    hasil = run_laporan(hub.kelas, keluaran, jobs=1, nips=[B], progress=False)
    assert not hasil.gagal, hasil.teks()
    (laporan,) = keluaran.glob("*/laporan.html")
    teks = laporan.read_text(encoding="utf-8")
    assert "Masalahnya tajam sekali" in teks or "Bagus, perjelas indikatornya" in teks
    assert manual.nama in teks


@pytest.mark.skipif(not ROOT, reason="akun sistem terpisah hanya bisa dibuat sebagai root")
def test_peserta_baru_saat_hub_berjalan(hub):
    Store.open(hub.kelas).upsert_peserta([Peserta(C, "Citra")])
    akun = DaftarAkun(hub.kelas)
    akun.sinkron_peserta([(C, "Citra")])
    kode = akun.set_kode(C)
    s = hub.login(C, kode)
    assert s.login_status == 302
    _nyalakan(hub, s, C)  # its system user is created on the first start
    assert pwd.getpwnam(sistem.akun_os(C, "peserta")).pw_dir.startswith("/tmp/sinovda-uji-rumah-")
    s.delete(f"{hub.base}/hub/api/users/{C}/server", timeout=60)
