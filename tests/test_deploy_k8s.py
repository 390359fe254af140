"""deploy/k8s: the Zero to JupyterHub values and Dockerfiles name classes, settings, paths and
services that exist in the code and agree with ``sinovda hub`` (sinovda.hub.konfigurasi).

These files cannot be built or run here (no container runtime, no cluster): this test is what
keeps them from drifting. KubeSpawner is not installed here, so its settings are checked against
JupyterHub's base ``Spawner`` (KubeSpawner inherits them); the hub's ``extraConfig`` is run with
a real class's accounts and a stand-in spawner object.
"""

from __future__ import annotations

import ast
import importlib
import json
import re
import tomllib
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlparse

import pytest
import yaml
from jupyterhub.app import JupyterHub
from jupyterhub.auth import Authenticator
from jupyterhub.spawner import Spawner
from traitlets.config import Config

from sinovda import paths
from sinovda.data.settings import load_masuk
from sinovda.domain.peserta import Peserta
from sinovda.hub import konfigurasi
from sinovda.hub.akun import DaftarAkun
from sinovda.hub.layanan import NAMA_LAYANAN
from sinovda.hub.spawner import URL_FASILITATOR, URL_PESERTA, env_peserta
from sinovda.store import Store

K8S = paths.ROOT / "deploy" / "k8s"
NIP = "198503152010011001"

pytestmark = pytest.mark.usefixtures("repo_terbuka")


@pytest.fixture(scope="module")
def nilai() -> dict:
    return yaml.safe_load((K8S / "values.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def layanan_k8s() -> list[dict]:
    """deploy/k8s/layanan.yaml: the store service's Deployment, Service and NetworkPolicy."""
    return list(yaml.safe_load_all((K8S / "layanan.yaml").read_text(encoding="utf-8")))


def _jenis(dokumen: list[dict], jenis: str) -> dict:
    (d,) = [d for d in dokumen if d["kind"] == jenis]
    return d


@pytest.fixture
def hub_lokal(tmp_path, nilai) -> Config:
    """What `sinovda hub --db` configures for the classes of a database (the reference the
    values must agree with)."""
    c = Config()
    kelas = nilai["hub"]["config"]["SinovdaAuthenticator"]["kelas_daftar"]
    konfigurasi.terapkan(c, {"SINOVDA_HUB_DB": "postgresql://u:p@db/sinovda",
                             "SINOVDA_HUB_KELAS_DAFTAR": ",".join(kelas),
                             "SINOVDA_HUB_DATA": str(tmp_path / "hub")})
    return c


def _kelas_dengan_akun(pg_url: str, kunci: str) -> None:
    lokasi = f"{pg_url}?kelas={kunci}"
    st = Store.create(lokasi, nama="Uji K8s")
    st.upsert_peserta([Peserta(NIP, "Ani")])
    akun = DaftarAkun(lokasi)
    akun.sinkron_peserta([(NIP, "Ani")])
    akun.tambah_fasilitator(f"r{kunci[-6:]}")


def _kelas(path: str):
    modul, _, nama = path.rpartition(".")
    return getattr(importlib.import_module(modul), nama)


def _sifat(kelas: type) -> set[str]:
    return set(kelas.class_traits(config=True))


def test_every_hub_config_setting_exists_on_its_class(nilai):
    config = nilai["hub"]["config"]
    auth = _kelas(config["JupyterHub"]["authenticator_class"])
    assert issubclass(auth, Authenticator)
    kelas = {"JupyterHub": JupyterHub, "Authenticator": Authenticator, auth.__name__: auth,
             "KubeSpawner": Spawner}
    for nama, setelan in config.items():
        assert nama in kelas, f"hub.config.{nama}: kelas tidak dikenal"
        tidak_ada = set(setelan) - _sifat(kelas[nama])
        assert not tidak_ada, f"hub.config.{nama}: tidak ada setelan {sorted(tidak_ada)}"


def test_hub_settings_agree_with_sinovda_hub(nilai, hub_lokal):
    config = nilai["hub"]["config"]
    c = hub_lokal
    assert config["JupyterHub"]["authenticator_class"] == c.JupyterHub.authenticator_class
    for k in ("cookie_max_age_days", "shutdown_on_logout", "implicit_spawn_seconds"):
        assert config["JupyterHub"][k] == c.JupyterHub[k]
    assert config["JupyterHub"]["tornado_settings"]["headers"] == konfigurasi.HEADER_HUB
    assert config["JupyterHub"]["tornado_settings"]["cookie_options"]["samesite"] == "Lax"
    for k in ("manage_groups", "allow_all", "any_allow_config", "enable_auth_state"):
        assert config["Authenticator"][k] == c.Authenticator[k], k
    spawner = config["KubeSpawner"]
    assert spawner["server_token_scopes"] == c.Spawner.server_token_scopes
    assert spawner["disable_user_config"] is True
    assert spawner["start_timeout"] == c.Spawner.start_timeout


def test_roles_are_those_of_sinovda_hub(nilai, hub_lokal):
    lokal = {r["name"]: r for r in hub_lokal.JupyterHub.load_roles}
    peran = nilai["hub"]["loadRoles"]
    assert set(peran["user"]["scopes"]) == set(lokal["user"]["scopes"])
    assert peran["fasilitator"]["groups"] == lokal["fasilitator"]["groups"]
    assert set(peran["fasilitator"]["scopes"]) == set(lokal["fasilitator"]["scopes"])
    # one role per served class: its facilitators reach the users/servers of that class only
    kelas = nilai["hub"]["config"]["SinovdaAuthenticator"]["kelas_daftar"]
    assert set(peran) == set(lokal) - {"idle-culler"}
    for k in kelas:
        r = f"kelas-{k}-fasilitator"
        assert peran[r]["groups"] == lokal[r]["groups"] == [r]
        assert set(peran[r]["scopes"]) == set(lokal[r]["scopes"])
        assert all(s.endswith(f"!group=kelas-{k}") for s in peran[r]["scopes"])
    for r in peran.values():
        assert not any(s.startswith(("access:servers", "admin:")) for s in r["scopes"]), \
            "fasilitator tidak boleh membuka server peserta"


def test_the_store_service_is_a_hub_service_with_two_replicas(nilai, layanan_k8s):
    hub = nilai["hub"]
    assert list(hub["services"]) == [NAMA_LAYANAN]
    url = urlparse(hub["services"][NAMA_LAYANAN]["url"])
    deploy = _jenis(layanan_k8s, "Deployment")
    layanan = _jenis(layanan_k8s, "Service")
    assert deploy["spec"]["replicas"] == 2  # stateless: replicas share the database
    assert url.hostname == layanan["metadata"]["name"] == NAMA_LAYANAN
    (wadah,) = deploy["spec"]["template"]["spec"]["containers"]
    env = {e["name"]: e for e in wadah["env"]}
    port = url.port
    assert urlparse(env["JUPYTERHUB_SERVICE_URL"]["value"]).port == port
    assert [p["containerPort"] for p in wadah["ports"]] == [port]
    assert [p["port"] for p in layanan["spec"]["ports"]] == [port]
    pilih = deploy["spec"]["template"]["metadata"]["labels"]
    assert layanan["spec"]["selector"].items() <= pilih.items()
    assert env["JUPYTERHUB_SERVICE_PREFIX"]["value"] == f"/services/{NAMA_LAYANAN}/"
    assert env["JUPYTERHUB_SERVICE_NAME"]["value"] == NAMA_LAYANAN
    rahasia = env["JUPYTERHUB_API_TOKEN"]["valueFrom"]["secretKeyRef"]
    assert rahasia == {"name": "hub", "key": f"hub.services.{NAMA_LAYANAN}.apiToken"}
    # the hub's API as the chart names it (Service `hub`, port 8081)
    assert urlparse(env["JUPYTERHUB_API_URL"]["value"]).hostname == "hub"
    # participants' servers reach it as under `sinovda hub` (SINOVDA_STORE_URL) and may
    # (network policy), both ways
    assert nilai["singleuser"]["extraEnv"]["SINOVDA_STORE_URL"] == \
        f"{url.scheme}://{url.netloc}/services/{NAMA_LAYANAN}/"
    keluar = nilai["singleuser"]["networkPolicy"]["egress"]
    assert any(r["to"][0]["podSelector"]["matchLabels"].items() <= pilih.items()
               and r["ports"] == [{"port": port}] for r in keluar)
    masuk = _jenis(layanan_k8s, "NetworkPolicy")["spec"]["ingress"]
    assert [p["port"] for r in masuk for p in r["ports"]] == [port]
    dari = [f["podSelector"]["matchLabels"] for r in masuk for f in r["from"]]
    assert {"hub.jupyter.org/network-access-hub": "true"} in dari


def test_the_database_url_comes_from_a_secret_and_never_reaches_users(nilai, layanan_k8s):
    (wadah,) = _jenis(layanan_k8s, "Deployment")["spec"]["template"]["spec"]["containers"]
    env = {e["name"]: e for e in wadah["env"]}
    rahasia = env["SINOVDA_DB"]["valueFrom"]["secretKeyRef"]
    assert nilai["hub"]["extraEnv"]["SINOVDA_DB"]["valueFrom"]["secretKeyRef"] == rahasia
    assert "SINOVDA_DB" not in nilai["singleuser"]["extraEnv"]
    assert not any("postgres" in str(v) for v in nilai["singleuser"]["extraEnv"].values())
    assert "postgres" not in json.dumps(wadah["command"])


def test_reports_live_in_the_database_so_the_store_service_mounts_no_volume(layanan_k8s,
                                                                          pg_url, tmp_path):
    """The replicas share no disk: Admin Kelas keeps a PostgreSQL class's reports in its
    database (``report.arsip.arsip_kelas``, table ``berkas_kelas`` made by ``kelas buat``), so
    the Deployment has no volume and the file says where reports live."""
    import uuid

    import psycopg

    from sinovda.report.arsip import ArsipBasisData, arsip_kelas

    pod = _jenis(layanan_k8s, "Deployment")["spec"]["template"]["spec"]
    (wadah,) = pod["containers"]
    assert "volumes" not in pod and "volumeMounts" not in wadah
    teks = (K8S / "layanan.yaml").read_text(encoding="utf-8")
    assert "No volume" in teks and "berkas_kelas" in teks
    lokasi = f"{pg_url}?kelas=k8s{uuid.uuid4().hex[:6]}"
    st = Store.create(lokasi, nama="Kelas K8s")
    with psycopg.connect(pg_url) as conn:  # the table the file names exists from the start
        assert conn.execute("SELECT to_regclass(%s)",
                            (f"{st.skema}.berkas_kelas",)).fetchone()[0] is not None
    assert isinstance(arsip_kelas(lokasi), ArsipBasisData)


def test_the_store_container_serves_the_classes_the_hub_serves(nilai, layanan_k8s, hub_lokal):
    from sinovda.hub.layanan import argumen

    (wadah,) = _jenis(layanan_k8s, "Deployment")["spec"]["template"]["spec"]["containers"]
    cmd = wadah["command"]
    assert cmd[:3] == ["python", "-m", "sinovda.hub.layanan"]
    assert callable(importlib.import_module(cmd[2]).main)
    lokasi, kelas = argumen(cmd[3:], {"SINOVDA_DB": "postgresql://u@db/sinovda"})
    assert lokasi == "postgresql://u@db/sinovda"
    assert kelas == nilai["hub"]["config"]["SinovdaAuthenticator"]["kelas_daftar"]
    # the same flags `sinovda hub --db` gives its own store service
    (lokal,) = [x for x in hub_lokal.JupyterHub.services if x["name"] == NAMA_LAYANAN]
    assert lokal["command"][3:] == cmd[3:]
    # the image's own command is the start of it
    cmd_gambar = re.search(r"^CMD (\[.*\])$", (K8S / "layanan.Dockerfile").read_text(),
                           re.M)
    assert cmd_gambar and cmd[:len(json.loads(cmd_gambar.group(1)))] == json.loads(
        cmd_gambar.group(1))


def test_culling_follows_the_course_settings(nilai):
    cull = nilai["cull"]
    assert cull["enabled"] is True and cull["users"] is False
    assert cull["timeout"] == load_masuk().server_menganggur_menit * 60


def test_default_urls_open_course_notebooks(nilai):
    assert nilai["singleuser"]["defaultUrl"] == URL_PESERTA == "/voila/tree"  # the course map
    assert (paths.NOTEBOOKS_DIR / URL_FASILITATOR.rsplit("/", 1)[1]).is_file()


def test_extra_config_imports_exist_and_sets_each_accounts_server(nilai, pg_url, monkeypatch):
    kode = nilai["hub"]["extraConfig"]["sinovda"]
    for node in ast.walk(ast.parse(kode)):
        if isinstance(node, ast.ImportFrom):
            modul = importlib.import_module(node.module)
            for a in node.names:
                assert hasattr(modul, a.name), f"{node.module}.{a.name} tidak ada"
    import uuid

    kunci = f"k8s{uuid.uuid4().hex[:6]}"
    _kelas_dengan_akun(pg_url, kunci)
    monkeypatch.setenv("SINOVDA_DB", pg_url)  # hub.extraEnv, from the Secret
    c = Config()
    c.SinovdaAuthenticator.kelas_daftar = [kunci]  # hub.config, as the chart loads it
    ruang: dict = {"c": c}
    exec(compile(kode, "values.yaml:hub.extraConfig.sinovda", "exec"), ruang)
    assert c.SinovdaAuthenticator.kelas == pg_url
    # a served key without its loadRoles entry still gets its facilitators' role
    peran = {r["name"]: r for r in c.JupyterHub.load_roles}
    assert peran[f"kelas-{kunci}-fasilitator"]["scopes"] == konfigurasi.peran_hub(
        [kunci], "x")[2]["scopes"]
    assert c.KubeSpawner.args and all(a.startswith("--") for a in c.KubeSpawner.args)
    (templat,) = c.JupyterHub.template_paths
    assert (Path(templat) / "login.html").is_file()

    hook = c.KubeSpawner.pre_spawn_hook
    bersama = {"SINOVDA_STORE_URL": "x"}

    def spawner(nama: str) -> SimpleNamespace:
        return SimpleNamespace(user=SimpleNamespace(name=nama), environment=bersama,
                               default_url="")

    peserta, fasilitator = spawner(NIP), spawner(f"r{kunci[-6:]}")
    hook(peserta)
    hook(fasilitator)
    assert peserta.default_url == URL_PESERTA and fasilitator.default_url == URL_FASILITATOR
    # the participant gets every protection `sinovda hub` gives (sinovda.hub.spawner)
    assert set(env_peserta({}, "/home/jovyan")) - {"IPYTHONDIR"} <= set(peserta.environment)
    assert peserta.environment["JUPYTER_CONFIG_DIR"] == ruang["KONFIG_PESERTA"]
    assert "JUPYTER_CONFIG_DIR" not in fasilitator.environment
    # the participant's server is bound to their class; no database URL for anyone
    assert peserta.environment["SINOVDA_STORE_KELAS"] == kunci
    assert "SINOVDA_DB" not in peserta.environment | fasilitator.environment
    assert bersama == {"SINOVDA_STORE_URL": "x"}, "konfigurasi bersama tidak boleh berubah"


def _dockerfile(nama: str) -> str:
    return (K8S / f"{nama}.Dockerfile").read_text(encoding="utf-8")


def test_images_named_in_the_values_are_built_by_the_dockerfiles(nilai):
    versi = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "project"]["version"]
    (wadah,) = yaml.safe_load_all((K8S / "layanan.yaml").read_text(encoding="utf-8")).__next__()[
        "spec"]["template"]["spec"]["containers"]
    gambar = {
        "hub": f"{nilai['hub']['image']['name']}:{nilai['hub']['image']['tag']}",
        "singleuser": f"{nilai['singleuser']['image']['name']}:"
                      f"{nilai['singleuser']['image']['tag']}",
        "layanan": wadah["image"],
    }
    for nama, ref in gambar.items():
        teks = _dockerfile(nama)
        assert ref.endswith(f":{versi}"), ref
        assert f"-f deploy/k8s/{nama}.Dockerfile -t {ref} ." in teks, nama
        ekstra = "[hub,pg]" if nama in ("hub", "layanan") else "[hub]"  # pg: the database
        assert f'"$(ls /tmp/dist/sinovda-*.whl){ekstra}"' in teks, nama
        assert "NOT BUILT OR RUN" in teks
        assert (K8S / f"{nama}.Dockerfile.dockerignore").is_file()


def test_the_singleuser_image_provides_the_paths_the_values_use(nilai):
    teks = _dockerfile("singleuser")
    kode = nilai["hub"]["extraConfig"]["sinovda"]
    konfig = re.search(r'KONFIG_PESERTA = "([^"]+)"', kode).group(1)
    buku = nilai["hub"]["config"]["KubeSpawner"]["notebook_dir"]
    for path, sumber in ((konfig, 'paths.DEPLOY_DIR / "peserta"'),
                         (buku, "paths.NOTEBOOKS_DIR")):
        nama = Path(path).name
        assert f'os.symlink({sumber}, srv / "{nama}")' in teks, path
        assert Path(path).parent == Path("/srv/sinovda")
    assert (paths.DEPLOY_DIR / "peserta" / "jupyter_server_config.py").is_file()
    assert "ENV JUPYTER_PATH=/srv/sinovda/jupyter" in teks
    assert 'os.symlink(MODUL_TEMPLAT, srv / "jupyter")' in teks
    # the test key is not readable by the accounts (uid 1000) in their own pods
    assert '(paths.MODUL_DIR / "kunci_tes.yaml").chmod(0o600)' in teks
    assert teks.index("chmod(0o600)") < teks.index("USER 1000")


def test_participant_servers_run_the_same_lighter_server_as_sinovda_hub(nilai):
    """The single-user command of the values and the image's CMD are what ``sinovda hub``
    runs locally (``konfigurasi.MODUL_SERVER``: JupyterHub's single-user server without the
    hub's ORM), with ``-P``; not the plain ``jupyterhub-singleuser``."""
    cmd = nilai["singleuser"]["cmd"]
    assert cmd == ["python", "-P", "-m", konfigurasi.MODUL_SERVER]
    assert callable(importlib.import_module(konfigurasi.MODUL_SERVER).main)
    gambar = re.search(r"^CMD (\[.*\])$", _dockerfile("singleuser"), re.M)
    assert gambar and json.loads(gambar.group(1)) == cmd
