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


@pytest.fixture
def hub_lokal(tmp_path) -> Config:
    """What `sinovda hub` configures for a class (the reference the values must agree with)."""
    Store.create(tmp_path / "kelas", nama="Uji K8s")
    c = Config()
    konfigurasi.terapkan(c, {"SINOVDA_HUB_KELAS": str(tmp_path / "kelas"),
                             "SINOVDA_HUB_DATA": str(tmp_path / "hub")})
    return c


def _kelas_dengan_akun(folder: Path) -> None:
    st = Store.create(folder, nama="Uji K8s")
    st.upsert_peserta([Peserta(NIP, "Ani")])
    akun = DaftarAkun(folder)
    akun.sinkron_peserta([(NIP, "Ani")])
    akun.tambah_fasilitator("ratna")


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
    assert not any(s.startswith(("access:servers", "admin:")) for s in
                   peran["fasilitator"]["scopes"]), "fasilitator tidak boleh membuka server peserta"


def test_the_store_service_is_a_hub_service_beside_the_hub(nilai):
    hub = nilai["hub"]
    assert list(hub["services"]) == [NAMA_LAYANAN]
    url = urlparse(hub["services"][NAMA_LAYANAN]["url"])
    (wadah,) = [w for w in hub["extraContainers"] if w["name"] == NAMA_LAYANAN]
    env = {e["name"]: e for e in wadah["env"]}
    port = url.port
    assert urlparse(env["JUPYTERHUB_SERVICE_URL"]["value"]).port == port
    assert [p["containerPort"] for p in wadah["ports"]] == [port]
    assert [p["port"] for p in hub["service"]["extraPorts"]] == [port]
    assert [p["port"] for r in hub["networkPolicy"]["ingress"] for p in r["ports"]] == [port]
    assert env["JUPYTERHUB_SERVICE_PREFIX"]["value"] == f"/services/{NAMA_LAYANAN}/"
    assert env["JUPYTERHUB_SERVICE_NAME"]["value"] == NAMA_LAYANAN
    rahasia = env["JUPYTERHUB_API_TOKEN"]["valueFrom"]["secretKeyRef"]
    assert rahasia == {"name": "hub", "key": f"hub.services.{NAMA_LAYANAN}.apiToken"}
    # participants' servers reach it as under `sinovda hub` (SINOVDA_STORE_URL)
    assert nilai["singleuser"]["extraEnv"]["SINOVDA_STORE_URL"] == \
        f"{url.scheme}://{url.netloc}/services/{NAMA_LAYANAN}/"


def test_the_store_container_runs_the_store_service_on_the_class_volume(nilai):
    hub = nilai["hub"]
    (wadah,) = [w for w in hub["extraContainers"] if w["name"] == NAMA_LAYANAN]
    cmd = wadah["command"]
    assert cmd[:3] == ["python", "-m", "sinovda.hub.layanan"]
    assert callable(importlib.import_module(cmd[2]).main)
    kelas = cmd[cmd.index("--kelas") + 1]
    assert kelas == hub["config"]["SinovdaAuthenticator"]["kelas"]
    # both containers mount the class volume; the class folder is inside it
    (volume,) = hub["extraVolumes"]
    for mounts in (wadah["volumeMounts"], hub["extraVolumeMounts"]):
        (m,) = mounts
        assert m["name"] == volume["name"]
        assert Path(kelas).parent == Path(m["mountPath"])
    # the image's own command is the same
    cmd_gambar = re.search(r"^CMD (\[.*\])$", (K8S / "layanan.Dockerfile").read_text(),
                           re.M)
    assert cmd_gambar and json.loads(cmd_gambar.group(1)) == cmd


def test_culling_follows_the_course_settings(nilai):
    cull = nilai["cull"]
    assert cull["enabled"] is True and cull["users"] is False
    assert cull["timeout"] == load_masuk().server_menganggur_menit * 60


def test_default_urls_open_course_notebooks(nilai):
    assert nilai["singleuser"]["defaultUrl"] == URL_PESERTA == "/voila/tree"  # the course map
    assert (paths.NOTEBOOKS_DIR / URL_FASILITATOR.rsplit("/", 1)[1]).is_file()


def test_extra_config_imports_exist_and_sets_each_accounts_server(nilai, tmp_path):
    kode = nilai["hub"]["extraConfig"]["sinovda"]
    for node in ast.walk(ast.parse(kode)):
        if isinstance(node, ast.ImportFrom):
            modul = importlib.import_module(node.module)
            for a in node.names:
                assert hasattr(modul, a.name), f"{node.module}.{a.name} tidak ada"
    c = Config()
    ruang: dict = {"c": c}
    exec(compile(kode, "values.yaml:hub.extraConfig.sinovda", "exec"), ruang)
    assert c.KubeSpawner.args and all(a.startswith("--") for a in c.KubeSpawner.args)
    (templat,) = c.JupyterHub.template_paths
    assert (Path(templat) / "login.html").is_file()

    _kelas_dengan_akun(tmp_path / "kelas")
    ruang["KELAS"] = str(tmp_path / "kelas")
    hook = c.KubeSpawner.pre_spawn_hook
    bersama = {"SINOVDA_STORE_URL": "x"}

    def spawner(nama: str) -> SimpleNamespace:
        return SimpleNamespace(user=SimpleNamespace(name=nama), environment=bersama,
                               default_url="")

    peserta, fasilitator = spawner(NIP), spawner("ratna")
    hook(peserta)
    hook(fasilitator)
    assert peserta.default_url == URL_PESERTA and fasilitator.default_url == URL_FASILITATOR
    # the participant gets every protection `sinovda hub` gives (sinovda.hub.spawner)
    assert set(env_peserta({}, "/home/jovyan")) - {"IPYTHONDIR"} <= set(peserta.environment)
    assert peserta.environment["JUPYTER_CONFIG_DIR"] == ruang["KONFIG_PESERTA"]
    assert "JUPYTER_CONFIG_DIR" not in fasilitator.environment
    assert bersama == {"SINOVDA_STORE_URL": "x"}, "konfigurasi bersama tidak boleh berubah"


def _dockerfile(nama: str) -> str:
    return (K8S / f"{nama}.Dockerfile").read_text(encoding="utf-8")


def test_images_named_in_the_values_are_built_by_the_dockerfiles(nilai):
    versi = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "project"]["version"]
    (wadah,) = nilai["hub"]["extraContainers"]
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
        assert '"$(ls /tmp/dist/sinovda-*.whl)[hub]"' in teks, nama
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
