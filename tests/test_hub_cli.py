"""The hub's other commands and settings: answer history and restore, the JupyterHub config."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from traitlets.config import Config

from sinovda.cli.main import main
from sinovda.domain.peserta import Peserta
from sinovda.hub import konfigurasi, sistem
from sinovda.store import Store

pytestmark = pytest.mark.usefixtures("repo_terbuka")

NIP = "198503152010011001"


@pytest.fixture
def kelas(tmp_path):
    st = Store.create(tmp_path / "kelas", nama="Uji Riwayat")
    st.upsert_peserta([Peserta(NIP, "Ani")])
    return st


def test_riwayat_dan_pulihkan(kelas, capsys):
    pertama = kelas.save(NIP, "masalah", "akar_masalah", "SOP belum ada")
    kelas.save(NIP, "masalah", "akar_masalah", "terhapus tak sengaja")
    k = str(kelas.folder)
    assert main(["riwayat", NIP, "masalah", "akar_masalah", "--kelas", k]) == 0
    out = capsys.readouterr().out
    assert out.index("terhapus tak sengaja") < out.index("SOP belum ada")  # newest first
    assert main(["riwayat", NIP, "masalah", "akar_masalah", "--kelas", k,
                 "--pulihkan", str(pertama)]) == 0
    assert kelas.load(NIP, "masalah", "akar_masalah") == "SOP belum ada"
    assert [r.value for r in kelas.history(NIP, "masalah", "akar_masalah")][:2] == [
        "SOP belum ada", "terhapus tak sengaja"]  # nothing lost
    assert main(["riwayat", NIP, "masalah", "akar_masalah", "--kelas", k,
                 "--pulihkan", "99999"]) == 2
    assert "revisi 99999" in capsys.readouterr().err
    assert main(["riwayat", "199901012020121001", "masalah", "isu", "--kelas", k]) == 2


def test_riwayat_menunjukkan_siapa_yang_menyimpan(kelas, capsys):
    kelas.save(NIP, "penilaian", "catatan", "Perjelas indikator", peran="fasilitator",
               oleh="fasilitator:Ratna")
    kelas.save(NIP, "penilaian", "catatan", "Perjelas indikator dan target", peran="fasilitator",
               oleh="fasilitator:Bagus")
    pertama = kelas.history(NIP, "penilaian", "catatan")[-1].id
    k = str(kelas.folder)
    assert main(["riwayat", NIP, "penilaian", "catatan", "--kelas", k,
                 "--pulihkan", str(pertama)]) == 0
    capsys.readouterr()
    assert main(["riwayat", NIP, "penilaian", "catatan", "--kelas", k]) == 0
    baris = [b for b in capsys.readouterr().out.splitlines() if "Perjelas" in b]
    assert "dipulihkan oleh fasilitator" in baris[0] and "sekarang" in baris[0]
    assert "fasilitator Bagus" in baris[1]
    assert "fasilitator Ratna" in baris[2]


def test_konfigurasi_hub(kelas, tmp_path):
    c = Config()
    env = {"SINOVDA_HUB_KELAS": str(kelas.folder), "SINOVDA_HUB_PORT": "8123",
           "SINOVDA_HUB_PORT_LAYANAN": "9123", "SINOVDA_HUB_DATA": str(tmp_path / "hub")}
    konfigurasi.terapkan(c, env)
    assert c.JupyterHub.bind_url == "http://127.0.0.1:8123"
    assert c.JupyterHub.authenticator_class == "sinovda.hub.auth.SinovdaAuthenticator"
    assert c.JupyterHub.spawner_class == "sinovda.hub.spawner.SinovdaSpawner"
    assert c.SinovdaSpawner.store_url == "http://127.0.0.1:9123/services/sinovda-store/"
    assert Path(c.JupyterHub.db_url.removeprefix("sqlite:///")).parent == tmp_path / "hub"
    layanan, pembersih = c.JupyterHub.services
    assert layanan["url"] == "http://127.0.0.1:9123"
    assert layanan["command"][-2:] == ["--kelas", str(kelas.folder.resolve())]
    assert "access:services!service=sinovda-store" in c.Spawner.server_token_scopes
    assert konfigurasi.PROXY.exists()
    # idle servers are stopped by jupyterhub-idle-culler after server_hub.server_menganggur_menit
    assert pembersih["command"][1:3] == ["-m", "jupyterhub_idle_culler"]
    assert "--timeout=3600" in pembersih["command"]
    peran = {r["name"]: r for r in c.JupyterHub.load_roles}
    assert set(peran["idle-culler"]["scopes"]) >= {"delete:servers", "read:users:activity"}
    # facilitators: everyone's server status, never access to a participant's server
    assert peran["fasilitator"]["groups"] == ["fasilitator"]
    assert not any(s.startswith(("access:servers", "admin:", "tokens"))
                   for s in peran["fasilitator"]["scopes"])
    assert c.Spawner.disable_user_config is True
    assert "samesite" in c.JupyterHub.tornado_settings["cookie_options"]
    assert "secure" not in c.JupyterHub.tornado_settings["cookie_options"]
    assert "frame-ancestors 'none'" in c.JupyterHub.tornado_settings["headers"][
        "Content-Security-Policy"]
    assert "subdomain_host" not in c.JupyterHub


def test_konfigurasi_hub_domain_dan_https(kelas, tmp_path):
    c = Config()
    env = {"SINOVDA_HUB_KELAS": str(kelas.folder), "SINOVDA_HUB_PORT": "8123",
           "SINOVDA_HUB_DATA": str(tmp_path / "hub"), "SINOVDA_HUB_DOMAIN": "kelas.pemda.go.id",
           "SINOVDA_HUB_HTTPS": "1"}
    konfigurasi.terapkan(c, env)
    assert c.JupyterHub.subdomain_host == "https://kelas.pemda.go.id"
    assert c.JupyterHub.bind_url == "http://127.0.0.1:8123"
    assert c.JupyterHub.tornado_settings["cookie_options"]["secure"] is True
    env.update(SINOVDA_HUB_HTTPS="")
    konfigurasi.terapkan(c := Config(), env)
    assert c.JupyterHub.subdomain_host == "http://kelas.pemda.go.id:8123"
    # the hub's own certificate: HTTPS on our port
    env.update(SINOVDA_HUB_HTTPS="1", SINOVDA_HUB_SSL_CERT="/etc/c.pem",
               SINOVDA_HUB_SSL_KEY="/etc/k.pem")
    konfigurasi.terapkan(c := Config(), env)
    assert c.JupyterHub.ssl_cert == "/etc/c.pem" and c.JupyterHub.ssl_key == "/etc/k.pem"
    assert c.JupyterHub.bind_url == "https://127.0.0.1:8123"
    assert c.JupyterHub.subdomain_host == "https://kelas.pemda.go.id:8123"


def test_hub_sertifikat_harus_lengkap(kelas, tmp_path, capsys):
    k = str(kelas.folder)
    assert main(["hub", "--kelas", k, "--sertifikat", str(tmp_path / "c.pem")]) == 2
    assert "harus dipakai bersama" in capsys.readouterr().err
    assert main(["hub", "--kelas", k, "--sertifikat", str(tmp_path / "c.pem"),
                 "--kunci-sertifikat", str(tmp_path / "k.pem")]) == 2
    assert "tidak ada atau tidak dapat dibaca" in capsys.readouterr().err


def test_hub_domain_tidak_sah(kelas, capsys):
    kode = main(["hub", "--kelas", str(kelas.folder), "--domain", "http://x.id:80"])
    assert kode == 2 and "bukan nama domain" in capsys.readouterr().err


def test_perintah_server_bisa_dijalankan_akun_lain():
    cmd, env = konfigurasi.perintah_server(root=False)
    assert cmd == [sys.executable, "-P", "-m", "sinovda.hub.server_peserta"] and env == {}
    cmd, env = konfigurasi.perintah_server(root=True)
    assert sistem.terbuka_untuk_semua(Path(cmd[0]))
    if env:  # the venv's interpreter is private: system Python with the venv's packages
        assert str(konfigurasi.paths.ROOT) in env["PYTHONPATH"].split(os.pathsep)


def test_kunci_kelas(kelas):
    sistem.kunci_kelas(kelas.folder)
    assert os.stat(kelas.folder).st_mode & 0o777 == 0o700
    assert os.stat(kelas.folder / "sinovda.db").st_mode & 0o777 == 0o600
    assert kelas.load(NIP, "masalah", "isu") is None  # still usable by its owner


def test_nama_akun_sistem():
    assert sistem.akun_os(NIP, "peserta") == "snv" + NIP
    assert sistem.akun_os("budi", "fasilitator") == "snvf-budi"
    assert len(sistem.akun_os("a" * 40, "fasilitator")) == 32


def test_perintah_server_menolak_sinovda_di_folder_tertutup(tmp_path, monkeypatch):
    from sinovda.domain.errors import SinovdaError

    tertutup = tmp_path / "tertutup"
    (tertutup / "sinovda").mkdir(parents=True)
    os.chmod(tertutup, 0o700)
    monkeypatch.setattr(konfigurasi.paths, "ROOT", tertutup / "sinovda")
    with pytest.raises(SinovdaError, match="tidak dapat dijangkau akun sistem peserta"):
        konfigurasi.perintah_server(root=True)
    assert konfigurasi.perintah_server(root=False)[1] == {}  # without root nothing is switched


def test_kelas_baru_hanya_untuk_pemiliknya(tmp_path, monkeypatch):
    """A class folder is 0700 and its DB 0600 from `sinovda kelas buat` on (and self-study)."""
    import stat

    target = tmp_path / "baru"
    assert main(["kelas", "buat", str(target), "--nama", "Uji Mode"]) == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o700
    assert stat.S_IMODE((target / "sinovda.db").stat().st_mode) == 0o600
    Store.open(target).upsert_peserta([Peserta(NIP, "Ani")])  # WAL files follow the DB
    for berkas in target.iterdir():
        assert stat.S_IMODE(berkas.stat().st_mode) == 0o600, berkas
    monkeypatch.setenv("SINOVDA_PRIBADI", str(tmp_path / "pribadi"))
    from sinovda import paths

    Store.open(paths.pribadi_dir(), create=True)
    assert stat.S_IMODE((tmp_path / "pribadi").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "pribadi" / "sinovda.db").stat().st_mode) == 0o600


def test_the_proxy_on_path_comes_before_the_repos_node_modules(tmp_path):
    # a conda or `npm -g` install puts configurable-http-proxy on PATH: that one is used
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    proxy = bin_ / "configurable-http-proxy"
    proxy.write_text("#!/bin/sh\n", encoding="utf-8")
    proxy.chmod(0o755)
    assert konfigurasi.cari_proxy(str(bin_)) == str(proxy)
    # not on PATH: the one scripts/pasang-sistem.sh installed in the repo's node_modules
    assert konfigurasi.cari_proxy(str(tmp_path / "kosong")) == str(konfigurasi.PROXY)


def test_hub_tanpa_proxy_keluar_2_sebelum_apa_pun_berubah(kelas, tmp_path, monkeypatch, capsys):
    """A wheel install has no repo node_modules: without configurable-http-proxy on PATH the
    hub printed 'JupyterHub kelas berjalan di ...', then JupyterHub's English traceback."""
    monkeypatch.setattr(konfigurasi, "PROXY", tmp_path / "tiada" / "configurable-http-proxy")
    monkeypatch.setenv("PATH", str(tmp_path / "kosong"))
    monkeypatch.setattr(os, "execve", lambda *a: pytest.fail("hub dimulai tanpa proxy"))
    assert main(["hub", "--kelas", str(kelas.folder)]) == 2
    out, err = capsys.readouterr()
    assert "configurable-http-proxy" in err and "npm install -g configurable-http-proxy" in err
    assert "berjalan di" not in out and not (kelas.folder / "hub").exists()


def test_hub_menolak_pengaturan_rusak(kelas, tmp_path, monkeypatch, capsys):
    modul = tmp_path / "modul"
    modul.mkdir()
    (modul / "pengaturan.yaml").write_text("masuk:\n  gagal_maks: nol\n", encoding="utf-8")
    from sinovda import paths

    monkeypatch.setattr(paths, "MODUL_DIR", modul)
    assert main(["hub", "--kelas", str(kelas.folder)]) == 2
    assert "masuk.gagal_maks" in capsys.readouterr().err


def test_buka_kunci_nip_tidak_dikenal_keluar_2(kelas, capsys):
    """A typo in --buka-kunci names the value and exits 2 (was exit 0 'tidak sedang terkunci')."""
    assert main(["kode-akses", "--kelas", str(kelas.folder), "--buka-kunci", "999"]) == 2
    err = capsys.readouterr().err
    assert "--buka-kunci: '999' bukan NIP peserta" in err and "Traceback" not in err
    assert main(["kode-akses", "--kelas", str(kelas.folder), "--buka-kunci", NIP,
                 "10.0.0.1"]) == 0


@pytest.mark.parametrize("domain", ["<script>", "a" * 5000, "kelas.pemda.go.id:8000"])
def test_hub_domain_sampah_keluar_2_pesan_pendek(kelas, domain, capsys):
    assert main(["hub", "--kelas", str(kelas.folder), "--domain", domain]) == 2
    err = capsys.readouterr().err
    assert "--domain:" in err and "bukan nama domain" in err and len(err) < 300


# ----- one facilitator, several classes of a PostgreSQL database ------------------------------
def test_fasilitator_tambah_gabung_daftar_di_postgresql(pg_url, capsys, monkeypatch):
    """``fasilitator tambah NAMA --kelas K1 --kelas K2`` makes ONE account (one passcode) in
    both classes; ``gabung`` adds a class; ``daftar`` shows the memberships; bad input exits 2."""
    import uuid

    from sinovda.hub.akun import DaftarAkun

    u = uuid.uuid4().hex[:6]
    k1, k2, k3 = f"cf{u}-1", f"cf{u}-2", f"cf{u}-3"
    for k in (k1, k2, k3):
        Store.create(f"{pg_url}?kelas={k}", nama=f"Kelas {k[-1]}")
    nama = f"r{u}"
    assert main(["fasilitator", "tambah", nama, "--label", "Dr. Ratna", "--db", pg_url,
                 "--kelas", k1, "--kelas", k2]) == 0
    out = capsys.readouterr().out
    kode = next(b.split()[1] for b in out.splitlines() if b.startswith(f"{nama}  "))
    for k in (k1, k2):
        assert DaftarAkun(f"{pg_url}?kelas={k}").cek(nama, kode) is not None
        assert "Dr. Ratna" in Store.open(f"{pg_url}?kelas={k}").kelas_info()["fasilitator"]
    assert DaftarAkun(f"{pg_url}?kelas={k3}").get(nama) is None
    # the same name again: refused, pointing to gabung; nothing changed
    assert main(["fasilitator", "tambah", nama, "--db", pg_url, "--kelas", k3]) == 2
    assert "fasilitator gabung" in capsys.readouterr().err
    monkeypatch.setenv("SINOVDA_DB", pg_url)  # the database from the environment
    assert main(["fasilitator", "gabung", nama, "--kelas", k3]) == 0
    assert "Kode aksesnya tetap" in capsys.readouterr().out
    assert DaftarAkun(f"{pg_url}?kelas={k3}").cek(nama, kode) is not None
    assert main(["fasilitator", "daftar", "--kelas", k1]) == 0
    baris = [b for b in capsys.readouterr().out.splitlines() if b.startswith(nama)]
    assert baris == [f"{nama}  Dr. Ratna  kelas: {k1}, {k2}, {k3}"]
    for salah in (["fasilitator", "gabung", nama, "--kelas", "tidak-ada-kelas"],
                  ["fasilitator", "gabung", "bukan-akun", "--kelas", k1],
                  ["fasilitator", "gabung", nama],
                  ["fasilitator", "tambah", "x" * 30, "--kelas", k1],
                  ["fasilitator", "daftar", "--db", "bukan-url"]):
        assert main(salah) == 2, salah
        assert "Traceback" not in capsys.readouterr().err


def test_gabung_dan_beberapa_kelas_bukan_untuk_folder(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("SINOVDA_DB", raising=False)
    Store.create(tmp_path / "a", nama="A")
    assert main(["fasilitator", "gabung", "budi", "--kelas", str(tmp_path / "a")]) == 2
    assert "PostgreSQL" in capsys.readouterr().err
    assert main(["fasilitator", "tambah", "budi", "--kelas", str(tmp_path / "a"),
                 "--kelas", str(tmp_path / "b")]) == 2
    assert "beberapa --kelas" in capsys.readouterr().err


def test_hub_db_bad_input_exits_2_before_starting(pg_url, tmp_path, capsys, monkeypatch):
    """``sinovda hub --db``: an unknown class, a database without classes or facilitators, and
    --data with a class folder are named in Indonesian, exit 2, nothing started."""
    import uuid

    monkeypatch.delenv("SINOVDA_DB", raising=False)
    k = f"hd{uuid.uuid4().hex[:6]}"
    Store.create(f"{pg_url}?kelas={k}", nama="Tanpa Fasilitator")
    assert main(["hub", "--db", pg_url, "--kelas", "tidak-ada-kelas"]) == 2
    assert "belum ada kelas" in capsys.readouterr().err
    assert main(["hub", "--db", pg_url, "--kelas", k]) == 2
    assert "belum ada akun fasilitator" in capsys.readouterr().err
    Store.create(tmp_path / "kelas", nama="Folder")
    assert main(["hub", "--kelas", str(tmp_path / "kelas"), "--data", str(tmp_path / "d")]) == 2
    assert "--data hanya untuk" in capsys.readouterr().err


def test_hub_db_dengan_kunci_kelas_di_alamat_keluar_2(pg_url, capsys, monkeypatch):
    """``--db postgresql://...?kelas=K`` answered a bare 'galat basis data' (libpq refused the
    unknown parameter); it says to give the class with --kelas."""
    monkeypatch.delenv("SINOVDA_DB", raising=False)
    monkeypatch.setattr(os, "execve", lambda *a: pytest.fail("hub dimulai"))
    assert main(["hub", "--db", f"{pg_url}?kelas=angkatan-x"]) == 2
    err = capsys.readouterr().err
    assert "--db: alamat basis data tidak boleh memuat ?kelas=" in err
    assert "--kelas angkatan-x" in err and "galat basis data" not in err


def test_konfigurasi_hub_basis_data(tmp_path):
    """``terapkan`` for a PostgreSQL hub: no class folder, state in the data folder, the store
    service gets the URL in its environment (never its command line), keys on both sides."""
    c = Config()
    url = "postgresql://sinovda:rahasia@db.local:5432/sinovda"
    env = {"SINOVDA_HUB_DB": url, "SINOVDA_HUB_KELAS_DAFTAR": "a,b",
           "SINOVDA_HUB_DATA": str(tmp_path / "data"), "SINOVDA_HUB_PORT": "8123"}
    konfigurasi.terapkan(c, env)
    assert c.JupyterHub.db_url == f"sqlite:///{tmp_path / 'data' / 'jupyterhub.sqlite'}"
    assert c.SinovdaAuthenticator.kelas == url and c.SinovdaSpawner.kelas_daftar == ["a", "b"]
    (layanan,) = [s for s in c.JupyterHub.services if s["name"] == "sinovda-store"]
    assert layanan["command"][-5:] == ["--db", "--kelas", "a", "--kelas", "b"]
    assert not any("rahasia" in a for a in layanan["command"])
    assert layanan["environment"]["SINOVDA_DB"] == url
    # reports built from Admin Kelas (./laporan-<key> of the service) land in the data folder
    assert layanan["cwd"] == str(tmp_path / "data")


# ----- the public port and the internal ports are checked before anything starts --------------
@pytest.fixture
def port_terpakai():
    """A port on 127.0.0.1 another program listens on."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        yield s.getsockname()[1]


def _hub_tanpa_mulai(monkeypatch) -> None:
    monkeypatch.setattr(konfigurasi, "cari_proxy", lambda path=None: "/opt/chp/bin/proxy")
    monkeypatch.setattr(os, "execve", lambda *a: pytest.fail("hub dimulai"))


def _tanpa_akun(kelas) -> bool:
    import sqlite3

    conn = sqlite3.connect(kelas.folder / "sinovda.db")
    try:
        ada = conn.execute("SELECT name FROM sqlite_master WHERE name = 'akun_hub'").fetchone()
        return ada is None or conn.execute("SELECT COUNT(*) FROM akun_hub").fetchone()[0] == 0
    finally:
        conn.close()


def test_hub_di_port_terpakai_keluar_2_sebelum_apa_pun_berubah(kelas, port_terpakai,
                                                               monkeypatch, capsys):
    """The proxy could not bind a taken port, yet 'JupyterHub kelas berjalan di ...' was shown
    and the class's accounts were already synced: now exit 2 naming the port and --port."""
    _hub_tanpa_mulai(monkeypatch)
    assert main(["hub", "--kelas", str(kelas.folder), "--port", str(port_terpakai)]) == 2
    out, err = capsys.readouterr()
    assert f"port {port_terpakai} di alamat 127.0.0.1" in err and "sudah dipakai" in err
    assert "--port" in err and "tidak ada yang diubah" in err and "Traceback" not in err
    assert "berjalan" not in out
    assert not (kelas.folder / "hub").exists() and _tanpa_akun(kelas)


def test_hub_port_dalam_terpakai_keluar_2(kelas, port_terpakai, monkeypatch, capsys):
    _hub_tanpa_mulai(monkeypatch)
    monkeypatch.setenv("SINOVDA_HUB_PORT_API", str(port_terpakai))
    from sinovda.cli.hub import periksa_port

    bebas = konfigurasi.port_bebas()
    assert main(["hub", "--kelas", str(kelas.folder), "--port", str(bebas)]) == 2
    err = capsys.readouterr().err
    assert f"port dalam {port_terpakai} (SINOVDA_HUB_PORT_API)" in err and "sudah dipakai" in err
    assert _tanpa_akun(kelas)
    # an IP address that is not this machine's, a port number that is none
    with pytest.raises(Exception, match="bukan milik mesin ini"):
        periksa_port("192.0.2.1", bebas, env={})
    assert main(["hub", "--kelas", str(kelas.folder), "--port", "70000"]) == 2
    assert "--port 70000: bukan nomor port" in capsys.readouterr().err


def test_periksa_port_memilih_port_dalam_yang_dipakai_hub():
    from sinovda.cli.hub import PORT_DALAM, periksa_port

    bebas = konfigurasi.port_bebas()
    env = periksa_port("127.0.0.1", bebas, env={})
    assert set(env) == set(PORT_DALAM) and len(set(env.values())) == 3
    assert str(bebas) not in env.values()
    tetap = konfigurasi.port_bebas()
    assert periksa_port("127.0.0.1", bebas, env={"SINOVDA_HUB_PORT_HUB": str(tetap)})[
        "SINOVDA_HUB_PORT_HUB"] == str(tetap)
    assert {konfigurasi.ENV[k] for k in ("port_hub", "port_api", "port_layanan")} == \
        set(PORT_DALAM)  # the variables the hub's configuration reads
    with pytest.raises(Exception, match="harus berbeda"):
        periksa_port("127.0.0.1", bebas, env={"SINOVDA_HUB_PORT_HUB": str(tetap),
                                              "SINOVDA_HUB_PORT_API": str(tetap)})
