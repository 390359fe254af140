"""The server decides the assessment, on a real hub (issue 8 item 2): a participant's process
cannot read the answer key; tests are submitted and scored by the store service; a submitted
test cannot be rewritten; item statistics reach facilitators only.

Starts its own ``sinovda hub`` (the fixture of tests/test_hub_kelas.py) on 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import pwd
import subprocess

import pytest
from test_hub_kelas import FAS, ROOT, A, B
from test_hub_kelas import hub as hub  # noqa: F401 - the module's hub fixture

from sinovda.data import content
from sinovda.hub import sistem
from sinovda.hub.konfigurasi import perintah_server
from sinovda.store import Store
from sinovda.store import tes as server_tes
from sinovda.store.remote import AksesDitolak, RemoteStore

pytestmark = [pytest.mark.timeout(300), pytest.mark.usefixtures("repo_terbuka")]

KUNCI = {k: v.kunci for k, v in content.load_kunci_tes().items()}


def _jawaban(benar: int) -> dict[str, str]:
    return {sid: KUNCI[sid] if i < benar else next(h for h in "abcd" if h != KUNCI[sid])
            for i, sid in enumerate(content.soal_tes())}


KODE_PESERTA = """
import json, sys
from sinovda.data import content
from sinovda.forms.konteks import peserta_aktif, store_aktif
from sinovda.store import tes
try:
    open(content.path_kunci_tes(), "rb").read()
    print("KUNCI-TERBACA")
except PermissionError:
    print("KUNCI-TERTUTUP")
try:
    content.load_kunci_tes()
    print("KUNCI-TERBACA")
except Exception as e:
    print("DITOLAK", type(e).__name__)
st = store_aktif()
nip = peserta_aktif(st)
h = tes.kirim_tes(st, nip, "posttest", json.loads(sys.argv[1]))
print("NILAI", h.nilai, h.terbuka, len(h.soal))
for tulis in (lambda: st.save(nip, "penutup", "posttest", {}),
              lambda: st.save(nip, "penutup", "posttest_skor", {"nilai": 100}),
              lambda: tes.kirim_tes(st, nip, "posttest", {})):
    try:
        tulis()
        print("DITULIS")
    except Exception as e:
        print("DITOLAK", type(e).__name__, str(e)[:200])
import os
from sinovda import paths
try:
    os.listdir(paths.DATASETS_DIR / "demo" / "workbooks")
    print("DEMO-TERBACA")
except PermissionError:
    print("DEMO-TERTUTUP")
"""


@pytest.mark.skipif(not ROOT, reason="akun sistem terpisah hanya bisa dibuat sebagai root")
def test_participant_process_cannot_read_the_key_and_cannot_rewrite_a_submitted_test(hub):
    path = content.path_kunci_tes()
    assert path.stat().st_mode & 0o777 == 0o600 and path.stat().st_uid == os.geteuid()
    s = hub.login(A)
    nama_os = sistem.akun_os(A, "peserta")
    info = pwd.getpwnam(nama_os)
    perintah, env_server = perintah_server()  # the interpreter and paths of a user server
    env = {"PATH": os.environ.get("PATH", ""), "HOME": info.pw_dir, **env_server,
           "SINOVDA_STORE_URL": hub.layanan, "JUPYTERHUB_API_TOKEN": hub.token(s, A),
           "JUPYTERHUB_USER": A}
    hasil = subprocess.run(
        [perintah[0], "-c", KODE_PESERTA, json.dumps(_jawaban(21))],
        env=env, cwd=info.pw_dir, capture_output=True, text=True, timeout=120,
        user=info.pw_uid, group=info.pw_gid, extra_groups=[],
    )
    assert hasil.returncode == 0, hasil.stderr
    baris = hasil.stdout.strip().split("\n")
    assert baris[0] == "KUNCI-TERTUTUP"
    assert baris[1] == "DITOLAK BerkasTidakValid"
    assert baris[2] == "NILAI 70.0 True 30"  # scored by the service; key open after post-test
    assert all(b.startswith("DITOLAK AksesDitolak") for b in baris[3:6]), baris
    assert "sudah dikirim" in baris[3] and "sudah dikirim" in baris[5]
    assert baris[6] == "DEMO-TERTUTUP"  # simulated answers of the demo would reveal the key
    st = Store.open(hub.kelas)
    assert st.load(A, "penutup", "posttest") == _jawaban(21)
    assert st.load(A, "penutup", "posttest_skor")["nilai"] == 70.0
    assert st.history(A, "penutup", "posttest_skor")[0].oleh == "sistem"


def test_service_scores_tests_and_gives_item_data_to_facilitators_only(hub):
    rb = RemoteStore(hub.layanan, hub.token(hub.login(B), B))
    rb.save(B, "pengantar", "pretest", {content.soal_tes()[0]: "a"})  # a draft: allowed
    h = server_tes.kirim_tes(rb, B, "pretest", _jawaban(12))
    assert (h.selesai, h.benar, h.nilai, h.terbuka, h.soal) == (True, 12, 40.0, False, ())
    assert server_tes.hasil_tes(rb, B, "pretest") == h
    with pytest.raises(AksesDitolak, match="sudah dikirim"):
        server_tes.kirim_tes(rb, B, "pretest", _jawaban(30))
    with pytest.raises(AksesDitolak):
        rb.save(B, "pengantar", "pretest", _jawaban(30))
    with pytest.raises(AksesDitolak):
        rb.save(B, "pengantar", "pretest_selesai", False)
    with pytest.raises(AksesDitolak):
        server_tes.kirim_tes(rb, A, "pretest", {})  # someone else's test
    with pytest.raises(AksesDitolak):
        server_tes.koreksi_kelas(rb, "pretest")
    assert Store.open(hub.kelas).load(B, "pengantar", "pretest") == _jawaban(12)
    rf = RemoteStore(hub.layanan, hub.token(hub.login(FAS), FAS))
    koreksi = server_tes.koreksi_kelas(rf, "pretest")
    assert sum(koreksi[B].values()) == 12
