"""The store service: access rules, and the HTTP API with a real class store and RemoteStore.

The HTTP tests serve ``buat_app`` on a free loopback port with a real SQLite class; only the
hub's token lookup (JupyterHub's own part) is replaced by a table token -> account name. The last
test runs the same through a real ``sinovda hub`` (the fixture of tests/test_hub_kelas.py).
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_hub_kelas import FAS as HUB_FAS
from test_hub_kelas import A as HUB_A
from test_hub_kelas import B as HUB_B
from test_hub_kelas import hub as hub  # noqa: F401 - a real hub for the last test

from sinovda.domain.errors import (
    AksesDitolak,
    BatasTerlampaui,
    BerubahDiTempatLain,
)
from sinovda.domain.peserta import Peserta
from sinovda.hub.akun import DaftarAkun
from sinovda.hub.layanan import (
    Ditolak,
    Handler,
    buat_app,
    cek_akses,
    jalankan_server,
    rute_tambahan,
)
from sinovda.store import Store
from sinovda.store.remote import RemoteStore

A, B = "198503152010011001", "197506171999042901"


def test_peserta_hanya_datanya_sendiri():
    cek_akses("peserta", A, A, tulis=False)
    cek_akses("peserta", A, A, tulis=True, modul="masalah")
    with pytest.raises(Ditolak, match="peserta lain"):
        cek_akses("peserta", A, B, tulis=False)
    with pytest.raises(Ditolak, match="peserta lain"):
        cek_akses("peserta", A, B, tulis=True, modul="masalah")
    with pytest.raises(Ditolak, match="seluruh kelas"):
        cek_akses("peserta", A, None, tulis=False)


def test_penilaian_hanya_fasilitator():
    # reading one's own grade passes this check; before release the service hides it
    cek_akses("peserta", A, A, tulis=False, modul="penilaian")
    with pytest.raises(Ditolak, match="fasilitator"):
        cek_akses("peserta", A, A, tulis=True, modul="penilaian")
    cek_akses("fasilitator", "budi", A, tulis=True, modul="penilaian")
    cek_akses("fasilitator", "budi", None, tulis=False)


def test_akun_tak_dikenal_ditolak():
    with pytest.raises(Ditolak, match="tidak terdaftar"):
        cek_akses(None, "tamu", "tamu", tulis=False)


# ----- over HTTP ---------------------------------------------------------------------------
TOKEN = {"tok-a": A, "tok-b": B, "tok-f": "ratna", "tok-x": "tamu"}


class Layanan:
    """The service app on a free loopback port, in its own thread and event loop."""

    def __init__(self, kelas: Path | str, daftar: list[str] | None = None,
                 token: dict[str, str] | None = None) -> None:
        tabel = TOKEN if token is None else token

        async def identitas(token: str) -> dict[str, Any] | None:
            return {"name": tabel[token]} if token in tabel else None

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/services/sinovda-store/"
        self.siap = threading.Event()
        self.loop: asyncio.AbstractEventLoop | None = None

        def jalan() -> None:
            self.loop = asyncio.new_event_loop()
            asyncio.set_event_loop(self.loop)
            app = buat_app(kelas, identitas, "/services/sinovda-store/", kelas=daftar)
            self.server = jalankan_server(app, self.port)
            self.loop.call_soon(self.siap.set)
            self.loop.run_forever()
            self.server.stop()
            self.loop.close()

        self.thread = threading.Thread(target=jalan, daemon=True)
        self.thread.start()
        assert self.siap.wait(10)

    def remote(self, token: str) -> RemoteStore:
        return RemoteStore(self.url, token, timeout=20)

    def minta(self, method: str, path: str, token: str, body: Any = None,
              mentah: bytes | None = None) -> tuple[int, Any]:
        data = mentah if mentah is not None else (
            None if body is None else json.dumps(body).encode())
        req = urllib.request.Request(self.url + "api" + path, data=data, method=method,
                                     headers={"Authorization": f"token {token}"})
        try:
            with urllib.request.urlopen(req, timeout=20) as r:
                return r.status, json.loads(r.read() or b"null")
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"null")

    def berhenti(self) -> None:
        assert self.loop is not None
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


@pytest.fixture
def layanan(tmp_path: Path) -> Iterator[Layanan]:
    st = Store.create(tmp_path / "kelas", nama="Angkatan Uji")
    st.upsert_peserta([Peserta(A, "Wédari"), Peserta(B, "Ṛai")])
    akun = DaftarAkun(tmp_path / "kelas")
    akun.sinkron_peserta([(A, "Wédari"), (B, "Ṛai")])
    akun.tambah_fasilitator("ratna", "Dr. Ratna")
    st.save(B, "masalah", "akar_masalah", "jawaban B")
    st.close()
    srv = Layanan(tmp_path / "kelas")
    yield srv
    srv.berhenti()


def test_the_role_and_who_saved_come_from_the_token_not_the_client(layanan: Layanan):
    ra, rf = layanan.remote("tok-a"), layanan.remote("tok-f")
    # the participant claims to be the system: ignored, the service decides from the token
    ra.save(A, "masalah", "akar_masalah", "dari A", peran="sistem", oleh="fasilitator:palsu")
    rf.save(A, "penilaian", "catatan", "Perjelas indikator", oleh="sistem")
    (h,) = ra.history(A, "masalah", "akar_masalah")
    assert (h.value, h.oleh) == ("dari A", "peserta")
    assert rf.history(A, "penilaian", "catatan")[0].oleh == "fasilitator:ratna"
    with pytest.raises(AksesDitolak, match="hanya boleh diisi oleh fasilitator"):
        ra.save(A, "penilaian", "catatan", "Nilai saya 100", peran="fasilitator")
    with pytest.raises(AksesDitolak, match="diisi oleh sistem"):
        ra.save(A, "pengantar", "pretest_selesai", True)
    ra.restore(A, "masalah", "akar_masalah", h.id)
    assert ra.history(A, "masalah", "akar_masalah")[0].label_oleh == "dipulihkan oleh peserta"


def test_grading_stays_hidden_from_the_participant_until_released(layanan: Layanan,
                                                                   tmp_path: Path):
    from sinovda.store.admin import DataAdmin

    ra, rb, rf = layanan.remote("tok-a"), layanan.remote("tok-b"), layanan.remote("tok-f")
    rf.save(A, "penilaian", "catatan", "Perjelas indikator")
    rf.save(B, "penilaian", "catatan", "Bagus")
    # before release: no grade through any read the participant's kernel could make
    assert ra.load(A, "penilaian", "catatan") is None
    assert ra.load_modul(A, "penilaian") == {}
    assert "penilaian" not in ra.load_all(A)
    assert ra.history(A, "penilaian", "catatan") == []
    assert all(j["modul"] != "penilaian" for j in ra.export_workbook(A)["jawaban"])
    assert rf.load(A, "penilaian", "catatan") == "Perjelas indikator"  # the trainer sees it
    # released for A only: A reads their own grade, B still does not
    DataAdmin(tmp_path / "kelas").rilis([A], oleh="fasilitator:ratna")
    assert ra.load(A, "penilaian", "catatan") == "Perjelas indikator"
    assert ra.load_all(A)["penilaian"] == {"catatan": "Perjelas indikator"}
    assert rb.load(B, "penilaian", "catatan") is None


def test_a_submitted_test_is_refused_through_the_service(layanan: Layanan, tmp_path: Path):
    ra = layanan.remote("tok-a")
    ra.save(A, "penutup", "posttest", {"q1": "a"})
    Store.open(tmp_path / "kelas").save(A, "penutup", "posttest_selesai", True, peran="sistem")
    with pytest.raises(AksesDitolak, match="sudah dikirim"):
        ra.save(A, "penutup", "posttest", {"q1": "b"})
    assert ra.load(A, "penutup", "posttest") == {"q1": "a"}


def test_compare_and_set_through_the_service(layanan: Layanan):
    ra = layanan.remote("tok-a")
    assert ra.load_dengan_revisi(A, "masalah", "isu_inti", "") == ("", 0)
    r1 = ra.save(A, "masalah", "isu_inti", "tab 1", harap_revisi=0)
    assert ra.load_dengan_revisi(A, "masalah", "isu_inti") == ("tab 1", r1)
    with pytest.raises(BerubahDiTempatLain, match="sudah diubah di tempat lain"):
        ra.save(A, "masalah", "isu_inti", "tab 2", harap_revisi=0)
    status, body = layanan.minta("PUT", f"/jawaban/{A}/masalah/isu_inti", "tok-a",
                                 {"value": "tab 2", "harap_revisi": 0})
    assert status == 409 and "sudah diubah" in body["pesan"]
    assert ra.load(A, "masalah", "isu_inti") == "tab 1"
    assert ra.save(A, "masalah", "isu_inti", "tab 1 lagi", harap_revisi=r1) > r1


def test_size_limits_are_enforced_by_the_service(layanan: Layanan):
    ra = layanan.remote("tok-a")
    with pytest.raises(BatasTerlampaui, match="terlalu besar: 1024 KB, batas 256 KB"):
        ra.save(A, "masalah", "akar_masalah", "x" * (1024 * 1024 - 2))  # refused before sending
    # a client that sends it anyway gets 413 with the same message
    status, body = layanan.minta("PUT", f"/jawaban/{A}/masalah/akar_masalah", "tok-a",
                                 {"value": "x" * (1024 * 1024)})
    assert status == 413 and "batas 256 KB per jawaban" in body["pesan"]
    # a body far beyond any value: thrown away as it arrives, answered 413 in Indonesian (the
    # connection was reset: the hub's proxy then showed JupyterHub's English 503 page)
    status, body = layanan.minta("PUT", f"/jawaban/{A}/masalah/akar_masalah", "tok-a",
                                 mentah=b'{"value": "' + b"x" * (20 * 1024 * 1024) + b'"}')
    assert status == 413, body
    assert "permintaan terlalu besar (20 MB); batasnya 2 MB per permintaan" in body["pesan"]
    assert "Tidak ada yang disimpan" in body["pesan"]
    assert ra.load(A, "masalah", "akar_masalah") is None


def test_an_oversized_body_is_never_kept_whatever_its_framing(layanan: Layanan):
    """Without Content-Length (chunked) the body is counted as it arrives; a Content-Length
    beyond what is ever thrown away is answered 413 at once, before any of the body is sent;
    an unknown path does not buffer a body either. The roster upload has its own larger limit."""
    import requests

    from sinovda.hub.layanan import BUANG_MAKS, batas_badan

    def potongan():
        for _ in range(24):
            yield b"x" * (128 * 1024)

    url = layanan.url + f"api/jawaban/{A}/masalah/akar_masalah"
    r = requests.put(url, data=potongan(), headers={"Authorization": "token tok-a"}, timeout=30)
    assert r.status_code == 413 and "batasnya 2 MB" in r.json()["pesan"], r.text[:300]
    # headers only: the answer comes before any of the body (no token needed to be told)
    with socket.create_connection(("127.0.0.1", layanan.port), timeout=20) as s:
        s.sendall(f"PUT /services/sinovda-store/api/jawaban/{A}/masalah/x HTTP/1.1\r\n"
                  f"Host: 127.0.0.1\r\nContent-Length: {batas_badan() + BUANG_MAKS + 1}\r\n"
                  "Content-Type: application/json\r\n\r\n".encode())
        jawab = b""
        while b"}" not in jawab:
            bagian = s.recv(65536)
            if not bagian:
                break
            jawab += bagian
    assert jawab.startswith(b"HTTP/1.1 413"), jawab[:200]
    assert b"batasnya 2 MB" in jawab
    r = requests.post(layanan.url + "api/tidak-ada", data=b"x" * (3 * 1024 * 1024),
                      headers={"Authorization": "token tok-f"}, timeout=30)
    assert r.status_code == 404 and "tidak ada" in r.json()["pesan"]
    # 3 MB is over the general limit but within the roster's (a 5 MB file, base64): read
    isi = "x" * (3 * 1024 * 1024)
    r = requests.post(layanan.url + "api/admin/roster", json={"nama_berkas": "r.txt", "isi": isi},
                      headers={"Authorization": "token tok-f"}, timeout=30)
    assert r.status_code == 400 and ".csv atau .xlsx" in r.json()["pesan"], r.text[:300]
    assert layanan.remote("tok-a").load(A, "masalah", "akar_masalah") is None


@pytest.mark.parametrize("method,path,body", [
    ("GET", f"/jawaban/{B}", None),
    ("GET", f"/jawaban/{B}/masalah/akar_masalah", None),
    ("PUT", f"/jawaban/{B}/masalah/akar_masalah", {"value": "ditulis A"}),
    ("GET", f"/riwayat/{B}/masalah/akar_masalah", None),
    ("POST", f"/pulihkan/{B}/masalah/akar_masalah", {"revisi": 1}),
    ("GET", f"/ekspor/{B}", None),
    ("GET", f"/peserta/{B}", None),
    ("GET", "/semua", None),
])
def test_a_participant_cannot_reach_another_participants_data(layanan: Layanan, method, path,
                                                              body):
    status, isi = layanan.minta(method, path, "tok-a", body)
    assert status == 403, isi
    assert "tidak boleh" in isi["pesan"] or "hanya fasilitator" in isi["pesan"]
    st, h = layanan.minta("GET", f"/riwayat/{B}/masalah/akar_masalah", "tok-f")
    assert st == 200 and [r["value"] for r in h] == ["jawaban B"]  # B's answer untouched


def test_activity_a_participant_sees_only_their_own(layanan: Layanan):
    layanan.remote("tok-a").save(A, "masalah", "isu_inti", "x")
    status, aktivitas = layanan.minta("GET", "/aktivitas", "tok-a")
    assert status == 200 and set(aktivitas) == {A}
    status, aktivitas = layanan.minta("GET", "/aktivitas", "tok-f")
    assert status == 200 and set(aktivitas) == {A, B}
    status, _ = layanan.minta("GET", "/aktivitas", "tok-x")  # not an account of this class
    assert status == 403
    status, _ = layanan.minta("GET", "/aktivitas", "tok-palsu")
    assert status == 401


def test_export_restore_and_history_for_the_owner_and_the_facilitator(layanan: Layanan):
    ra, rf = layanan.remote("tok-a"), layanan.remote("tok-f")
    r1 = ra.save(A, "masalah", "akar_masalah", "versi 1")
    ra.save(A, "masalah", "akar_masalah", "versi 2")
    assert ra.export_workbook(A)["jawaban"][0]["value"] == "versi 2"
    rf.restore(A, "masalah", "akar_masalah", r1)
    h = ra.history(A, "masalah", "akar_masalah")
    assert (h[0].value, h[0].oleh) == ("versi 1", "pulihkan:fasilitator:ratna")
    assert rf.export_workbook(B)["peserta"]["nip"] == B


def test_extra_route_modules_are_found_without_editing_the_service():
    """Modules sinovda.hub.layanan_<nama> with rute() are served; their handlers subclass
    Handler (found by name, so a new file is all another feature needs)."""
    for jalur, handler in rute_tambahan():
        assert jalur.startswith("/") and issubclass(handler, Handler)


def test_a_store_error_becomes_its_http_status():
    from sinovda.domain.errors import GagalPenyimpanan, InputTidakValid
    from sinovda.hub.layanan import status_galat

    assert status_galat(AksesDitolak("x")) == 403
    assert status_galat(BerubahDiTempatLain("x")) == 409
    assert status_galat(BatasTerlampaui("x")) == 413
    assert status_galat(GagalPenyimpanan("x")) == 507
    assert status_galat(InputTidakValid("x")) == 400


# ----- the same through a real `sinovda hub` (issue 8 item 8) --------------------------------
@pytest.mark.timeout(300)
@pytest.mark.usefixtures("repo_terbuka")
def test_on_a_real_hub_limits_cas_ownership_and_who_saved(hub):  # noqa: F811
    import requests

    sa, sb, sf = hub.login(HUB_A), hub.login(HUB_B), hub.login(HUB_FAS)
    ta, tb, tf = hub.token(sa, HUB_A), hub.token(sb, HUB_B), hub.token(sf, HUB_FAS)
    ra, rb, rf = (RemoteStore(hub.layanan, t) for t in (ta, tb, tf))

    # a 1 MB value: refused before sending, and by the service when sent anyway (413)
    with pytest.raises(BatasTerlampaui, match="batas 256 KB per jawaban"):
        ra.save(HUB_A, "masalah", "pemangku", "x" * (1024 * 1024))
    r = requests.put(hub.layanan + f"api/jawaban/{HUB_A}/masalah/pemangku",
                     json={"value": "x" * (1024 * 1024)},
                     headers={"Authorization": f"token {ta}"}, timeout=60)
    assert r.status_code == 413 and "batas 256 KB" in r.json()["pesan"]
    # far over the request limit, through the hub's proxy: the service's 413 in Indonesian
    # (the connection was reset and the proxy answered with JupyterHub's English 503 page)
    r = requests.put(hub.layanan + f"api/jawaban/{HUB_A}/masalah/pemangku",
                     data=b'{"value": "' + b"x" * (20 * 1024 * 1024) + b'"}',
                     headers={"Authorization": f"token {ta}",
                              "Content-Type": "application/json"}, timeout=120)
    assert r.status_code == 413, (r.status_code, r.text[:300])
    assert "batasnya 2 MB per permintaan" in r.json()["pesan"]
    assert ra.load(HUB_A, "masalah", "pemangku") is None

    # compare-and-set through the hub: the second tab is told, nothing overwritten
    _, rev = ra.load_dengan_revisi(HUB_A, "masalah", "isu_inti", "")
    ra.save(HUB_A, "masalah", "isu_inti", "tab 1", harap_revisi=rev)
    with pytest.raises(BerubahDiTempatLain):
        ra.save(HUB_A, "masalah", "isu_inti", "tab 2", harap_revisi=rev)
    assert ra.load(HUB_A, "masalah", "isu_inti") == "tab 1"

    # who saved comes from the hub account, whatever the client claims
    rf.save(HUB_A, "masalah", "isu_inti", "dikoreksi pelatih", peran="sistem", oleh="peserta")
    h = ra.history(HUB_A, "masalah", "isu_inti")
    assert [x.oleh for x in h] == [f"fasilitator:{HUB_FAS}", "peserta"]

    # B cannot export, restore, read the history of A, nor see the class's activity
    for aksi in (lambda: rb.export_workbook(HUB_A),
                 lambda: rb.restore(HUB_A, "masalah", "isu_inti", h[-1].id),
                 lambda: rb.history(HUB_A, "masalah", "isu_inti")):
        with pytest.raises(AksesDitolak):
            aksi()
    assert set(rb.last_activity()) <= {HUB_B}
    assert HUB_A in rf.last_activity()
    assert ra.load(HUB_A, "masalah", "isu_inti") == "dikoreksi pelatih"


def test_refusals_keep_the_connection_open_for_the_next_request(layanan: Layanan):
    """The hub's proxy reuses its connections to the service: a refusal (no token, an unknown
    path, another participant) must leave the connection open, else the proxy's next request
    on it is reset and the user gets JupyterHub's English 503 page."""
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", layanan.port, timeout=20)
    dasar = "/services/sinovda-store/api"
    try:
        for metode, jalur, token, badan, status in (
                ("GET", "/kelas", "", None, 401),
                ("PUT", f"/jawaban/{B}/masalah/isu", "tok-a", b'{"value": 1}', 403),
                ("POST", "/tidak-ada", "tok-a", b"{}", 404),
                ("GET", f"/jawaban/{A}/masalah/isu", "tok-x", None, 403),
                ("GET", "/kelas", "tok-a", None, 200)):
            conn.request(metode, dasar + jalur, body=badan,
                         headers={"Authorization": f"token {token}"} if token else {})
            r = conn.getresponse()
            isi = json.loads(r.read())
            assert r.status == status, (jalur, r.status, isi)
            assert r.status == 200 or isi["pesan"]
            assert conn.sock is not None, (jalur, "koneksi ditutup layanan")
    finally:
        conn.close()


def test_bad_requests_get_an_indonesian_message(layanan: Layanan):
    status, isi = layanan.minta("PUT", f"/jawaban/{A}/masalah/isu", "tok-a", mentah=b"{bukan")
    assert status == 400 and isi["pesan"] == "isi permintaan bukan JSON"
    status, isi = layanan.minta("PUT", f"/jawaban/{A}/masalah/isu", "tok-a", {"nilai": 1})
    assert status == 400 and "'value'" in isi["pesan"]
    status, isi = layanan.minta("PUT", f"/jawaban/{A}/masalah/isu", "tok-a",
                                {"value": 1, "harap_revisi": "lama"})
    assert status == 400 and "harap_revisi" in isi["pesan"]
    status, isi = layanan.minta("POST", f"/pulihkan/{A}/masalah/isu", "tok-a", {"revisi": True})
    assert status == 400 and "'revisi'" in isi["pesan"]


# ----- several classes of one PostgreSQL database ----------------------------------------------
PA, PB = "198503152010011001", "199110182020101902"


def kelas_banyak(url: str) -> tuple[str, str, dict[str, str]]:
    """Two new classes in the database: A (participant PA) and B (PB); a facilitator in both
    with one passcode (token ``tok-dua``), another in A only (``tok-satu``); accounts are
    database-level, so the names are new each time. Returns (key A, key B, token table)."""
    import uuid

    u = uuid.uuid4().hex[:6]
    dua, satu = f"d{u}", f"s{u}"
    ka, kb = f"lk{u}-a", f"lk{u}-b"
    for kunci, nip, nama in ((ka, PA, "Ani"), (kb, PB, "Budi")):
        lokasi = f"{url}?kelas={kunci}"
        st = Store.create(lokasi, nama=f"Kelas {nama}")
        st.upsert_peserta([Peserta(nip, nama)])
        DaftarAkun(lokasi).sinkron_peserta([(nip, nama)])
    DaftarAkun(f"{url}?kelas={ka}").tambah_fasilitator(dua, "Dr. Dua")
    DaftarAkun(url).gabung_fasilitator(dua, [kb])
    DaftarAkun(f"{url}?kelas={ka}").tambah_fasilitator(satu, "Satu Kelas")
    return ka, kb, {"tok-pa": PA, "tok-pb": PB, "tok-dua": dua, "tok-satu": satu}


@pytest.fixture
def layanan_banyak(pg_url: str) -> Iterator[tuple[Layanan, str, str]]:
    ka, kb, token = kelas_banyak(pg_url)
    srv = Layanan(pg_url, [ka, kb], token)
    yield srv, ka, kb
    srv.berhenti()


def test_several_classes_every_request_names_a_class_it_belongs_to(layanan_banyak, pg_url):
    """The service decides membership server-side per request: a participant of A saves in A
    and gets 403 in B; a facilitator of A only gets 403 on B; one of both reads both."""
    srv, ka, kb = layanan_banyak
    pa = RemoteStore(srv.url, "tok-pa", kelas=ka)
    pa.save(PA, "masalah", "akar_masalah", "Antrean di loket")
    assert pa.load(PA, "masalah", "akar_masalah") == "Antrean di loket"
    di_b = RemoteStore(srv.url, "tok-pa", kelas=kb)
    for aksi in (lambda: di_b.load(PB, "masalah", "akar_masalah"),
                 lambda: di_b.load_all(PA),  # even their own NIP: not enrolled in B
                 lambda: di_b.save(PA, "masalah", "akar_masalah", "x")):
        with pytest.raises(AksesDitolak, match="bukan anggota kelas"):
            aksi()
    status, isi = srv.minta("GET", f"/jawaban/{PB}?kelas={kb}", "tok-pa")
    assert status == 403 and "bukan anggota" in isi["pesan"]
    satu_b = RemoteStore(srv.url, "tok-satu", kelas=kb)
    with pytest.raises(AksesDitolak):
        satu_b.load_all_peserta()
    assert srv.minta("GET", f"/semua?kelas={kb}", "tok-satu")[0] == 403
    assert set(RemoteStore(srv.url, "tok-satu", kelas=ka).load_all_peserta()) == {PA}
    dua = RemoteStore(srv.url, "tok-dua", kelas=ka)
    assert dua.load_all_peserta()[PA]["masalah"]["akar_masalah"] == "Antrean di loket"
    dua.kelas = kb
    assert set(dua.load_all_peserta()) == {PB}
    saya = RemoteStore(srv.url, "tok-dua").saya()
    assert saya["peran"] == "fasilitator"
    assert [k["kunci"] for k in saya["kelas"]] == [kb, ka]  # newest first
    assert saya["kelas"][0]["nama"] == "Kelas Budi"
    # no class named, or a class this hub does not serve
    status, isi = srv.minta("GET", "/semua", "tok-dua")
    assert status == 400 and "kelas" in isi["pesan"]
    assert srv.minta("GET", "/semua?kelas=lain-kelas", "tok-dua")[0] == 404
    # the saves went to class A's schema only
    assert Store.open(f"{pg_url}?kelas={ka}").load(PA, "masalah", "akar_masalah")
    assert Store.open(f"{pg_url}?kelas={kb}").load_all_peserta() == {PB: {}}



def test_certificate_check_searches_every_served_class(layanan_banyak, pg_url):
    """The public certificate check needs no class on a several-class service: a code issued
    in class B is found; with ?kelas=A it is not (issued elsewhere)."""
    from sinovda.store.admin import DataAdmin

    srv, ka, kb = layanan_banyak
    s = DataAdmin(f"{pg_url}?kelas={kb}").terbitkan(PB, "Budi", "2027-03-01")
    url = srv.url + "api/verifikasi?kode=" + s.kode
    with urllib.request.urlopen(url, timeout=20) as r:
        teks = r.read().decode()
    assert "ASLI" in teks and "Budi" in teks and "TIDAK ASLI" not in teks
    with urllib.request.urlopen(url + f"&kelas={ka}", timeout=20) as r:
        assert "TIDAK ASLI" in r.read().decode()
