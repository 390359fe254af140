"""The hub's other commands and settings: answer history and restore, the JupyterHub config."""

from __future__ import annotations

import os
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
    assert cmd[0].endswith("jupyterhub-singleuser") and env == {}
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
