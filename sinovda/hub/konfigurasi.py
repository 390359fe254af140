"""JupyterHub configuration for one class, applied by ``deploy/jupyterhub_config.py``.

All values come from environment variables set by ``sinovda hub`` (see ``ENV``), so the same
config file serves any class folder and port, or the classes of a PostgreSQL database
(``SINOVDA_HUB_DB`` + ``SINOVDA_HUB_KELAS_DAFTAR``; the hub's own state in ``SINOVDA_HUB_DATA``).
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
import sysconfig
from pathlib import Path
from typing import Any

from sinovda import paths
from sinovda.data.settings import load_masuk
from sinovda.domain.errors import SinovdaError
from sinovda.hub.auth import GRUP_FASILITATOR, grup_fasilitator_kelas, grup_kelas
from sinovda.hub.layanan import NAMA_LAYANAN
from sinovda.hub.sistem import sebagai_root, terbuka_untuk_semua

ENV = {
    "kelas": "SINOVDA_HUB_KELAS",      # class folder (required unless "db")
    "db": "SINOVDA_HUB_DB",            # PostgreSQL database URL: one hub for its classes
    "kelas_daftar": "SINOVDA_HUB_KELAS_DAFTAR",  # with "db": served class keys, comma-separated
    "ip": "SINOVDA_HUB_IP",            # public ip of the proxy (default 127.0.0.1)
    "port": "SINOVDA_HUB_PORT",        # public port (default 8000)
    "data": "SINOVDA_HUB_DATA",        # hub state: <kelas>/hub (required with "db")
    "rumah": "SINOVDA_HUB_RUMAH",      # parent folder of the system users' homes (default /home)
    "port_hub": "SINOVDA_HUB_PORT_HUB",
    "port_api": "SINOVDA_HUB_PORT_API",
    "port_layanan": "SINOVDA_HUB_PORT_LAYANAN",
    "domain": "SINOVDA_HUB_DOMAIN",    # a domain with wildcard DNS: one subdomain per user
    "https": "SINOVDA_HUB_HTTPS",      # "1" when served over HTTPS (reverse proxy or certificate)
    "ssl_cert": "SINOVDA_HUB_SSL_CERT",  # TLS certificate and key: the hub serves HTTPS itself
    "ssl_key": "SINOVDA_HUB_SSL_KEY",
    # participants' server entry point: "sinovda" (default) or "jupyterhub" (SERVER_PESERTA)
    "server_peserta": "SINOVDA_HUB_SERVER_PESERTA",
}
NAMA_PEMBERSIH = "idle-culler"
# A facilitator may see and start/stop everyone's server, but not open it: a page from a
# participant's server never runs in a facilitator's browser with the facilitator's rights.
CAKUPAN_FASILITATOR = [
    "self",
    "admin-ui",
    "list:users",
    "read:users",
    "read:users:activity",
    "read:servers",
    "servers",
    "read:groups",
]
HEADER_HUB = {
    "Content-Security-Policy": "frame-ancestors 'none'; base-uri 'self'; object-src 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
PROXY = paths.ROOT / "node_modules" / ".bin" / "configurable-http-proxy"  # scripts/pasang-sistem.sh


def cari_proxy(path: str | None = None) -> str:
    """configurable-http-proxy: the one on ``PATH`` (``path``, default ``$PATH``: conda, npm -g,
    a container image) first, else the repo's ``node_modules`` (scripts/pasang-sistem.sh), else
    the bare name (JupyterHub then says it cannot start the proxy)."""
    dari_path = shutil.which("configurable-http-proxy", path=path)
    if dari_path:
        return dari_path
    return str(PROXY) if PROXY.exists() else "configurable-http-proxy"


def port_bebas() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


RENTANG_EFEMERAL = Path("/proc/sys/net/ipv4/ip_local_port_range")
PORT_SERVER_MIN = 10000


def port_server_bebas(rentang: Path = RENTANG_EFEMERAL, rng: Any = None) -> int:
    """A free port for a participant's server, below the system's ephemeral range (issue 9).

    JupyterHub picks a server's port by binding port 0 and closing it; the server binds it a
    while later. On a machine where 40 servers and their kernels start at once, a kernel (whose
    ports come from the same ephemeral range, picked the same way) took such a port first: the
    hub then found a kernel's ZeroMQ socket where the server should be and the spawn failed.
    Kernels and outgoing connections only take ephemeral ports, so a port below that range
    cannot be taken by them. 0 (JupyterHub then picks, as before) when the range is unknown or
    nothing below it is free."""
    import random

    rng = rng or random.SystemRandom()
    try:
        bawah = int(rentang.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    if bawah - 1 <= PORT_SERVER_MIN:
        return 0
    for _ in range(100):
        port = rng.randint(PORT_SERVER_MIN, bawah - 1)
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
        return port
    return 0


def pilih_port_server(spawner: Any) -> None:
    """``Spawner.pre_spawn_hook``: a local participant server's port from
    ``port_server_bebas`` (a server in a container, e.g. KubeSpawner, keeps its own)."""
    from jupyterhub.spawner import LocalProcessSpawner

    if isinstance(spawner, LocalProcessSpawner):
        spawner.port = port_server_bebas()


MODUL_SERVER = "sinovda.hub.server_peserta"  # jupyterhub-singleuser, lighter (issue 9)
# The module each account's server runs (``-m``), by the value of $SINOVDA_HUB_SERVER_PESERTA:
# ours, or JupyterHub's own entry point (~50 MB more per server; for comparison, or should a
# JupyterHub release ever misbehave under ours).
SERVER_PESERTA = {"sinovda": MODUL_SERVER, "jupyterhub": "jupyterhub.singleuser"}


# glibc's allocator in each account's server and its kernels (mallopt(3) environment
# variables): at most 2 arenas for the server's threads (glibc's default allows 8 per core), and
# buffers of 128 KiB or more (a page's HTML, a kernel message with widget state) always taken
# from and given back to the system (fixed thresholds; glibc's dynamic threshold keeps them in
# the heap after the first one freed). ~2.5 MB less per server after a page (issue 9,
# benchmarks/ruang_hasil.md run 5b).
MALLOC_SERVER = {
    "MALLOC_ARENA_MAX": "2",
    "MALLOC_MMAP_THRESHOLD_": "131072",
    "MALLOC_TRIM_THRESHOLD_": "131072",
}


def modul_server(env: dict[str, str]) -> str:
    """The server module named by ``$SINOVDA_HUB_SERVER_PESERTA`` (``SERVER_PESERTA``)."""
    nilai = env.get(ENV["server_peserta"], "").strip() or "sinovda"
    if nilai not in SERVER_PESERTA:
        raise SinovdaError(
            f"{ENV['server_peserta']}={nilai!r} tidak dikenal; pilihan: "
            + ", ".join(SERVER_PESERTA)
        )
    return SERVER_PESERTA[nilai]


def perintah_server(root: bool | None = None, modul: str = MODUL_SERVER
                    ) -> tuple[list[str], dict[str, str]]:
    """The single-user server command and extra env, runnable by an unprivileged system user.

    ``python -P -m sinovda.hub.server_peserta``: JupyterHub's single-user server without the
    hub's database modules (``modul``, default ``MODUL_SERVER``; issue 9: ~50 MB less per
    participant's server);
    ``-P``: nothing is imported from the server's working folder (the account's home). Normally
    this venv's Python. When the venv's interpreter lives where other users cannot reach it
    (e.g. pyenv under ``/root``), the system Python of the same version runs the venv's packages
    through ``PYTHONPATH`` instead.
    """
    root = sebagai_root() if root is None else root
    site = sysconfig.get_paths()["purelib"]
    for folder in (paths.ROOT, Path(site)) if root else ():
        if not terbuka_untuk_semua(folder):
            raise SinovdaError(
                f"{folder} tidak dapat dijangkau akun sistem peserta (ada folder induk yang "
                "tertutup, mis. /root); pasang sinovda di folder yang terbuka untuk semua "
                "pengguna, mis. /opt/sinovda"
            )
    if not root or terbuka_untuk_semua(Path(sys.executable)):
        return [sys.executable, "-P", "-m", modul], {}
    versi = f"{sys.version_info.major}.{sys.version_info.minor}"
    sistem_py = Path(f"/usr/bin/python{versi}")
    if not (sistem_py.exists() and terbuka_untuk_semua(sistem_py)):
        raise SinovdaError(
            f"Python {sys.executable} tidak dapat dijalankan oleh akun peserta (folder induknya "
            f"tertutup) dan /usr/bin/python{versi} tidak ada; pasang sinovda di lokasi yang "
            "terbaca semua pengguna, mis. /opt/sinovda"
        )
    prefix = Path(sys.prefix)
    return [str(sistem_py), "-P", "-m", modul], {
        "PYTHONPATH": os.pathsep.join([str(paths.ROOT), site]),
        "JUPYTER_CONFIG_PATH": str(prefix / "etc" / "jupyter"),
        "JUPYTER_PATH": str(prefix / "share" / "jupyter"),
    }


def peran_hub(kelas_daftar: list[str], scope: str) -> list[dict[str, Any]]:
    """The hub roles of participants and facilitators. One class (a folder): the group
    ``fasilitator`` sees and starts/stops every server. Several classes of a database: the
    group ``fasilitator`` keeps only its own pages and the store service; each served class
    has a role for its facilitators' group (``auth.grup_fasilitator_kelas``) with the same
    rights filtered to the members of that class (``auth.grup_kelas``), so a facilitator of
    class A neither lists the users (NIPs) of class B nor stops their servers."""
    if not kelas_daftar:
        return [{"name": "user", "scopes": ["self", scope]},
                {"name": "fasilitator", "groups": [GRUP_FASILITATOR],
                 "scopes": [*CAKUPAN_FASILITATOR, scope]}]
    umum = ["self", "admin-ui"]
    return [
        {"name": "user", "scopes": ["self", scope]},
        {"name": "fasilitator", "groups": [GRUP_FASILITATOR], "scopes": [*umum, scope]},
        *({"name": grup_fasilitator_kelas(k), "groups": [grup_fasilitator_kelas(k)],
           "scopes": [f"{s}!group={grup_kelas(k)}" for s in CAKUPAN_FASILITATOR
                      if s not in umum]} for k in kelas_daftar),
    ]


def url_layanan(port_layanan: int) -> str:
    """The store service's base URL as reached from the single-user servers."""
    return f"http://127.0.0.1:{port_layanan}/services/{NAMA_LAYANAN}/"


def terapkan(c: Any, env: dict[str, str] | None = None) -> None:
    """Fill the JupyterHub config object ``c`` for the class named in ``env``."""
    env = dict(os.environ if env is None else env)
    db = env.get(ENV["db"], "").strip()
    kelas_daftar = [k for k in env.get(ENV["kelas_daftar"], "").split(",") if k]
    if db:  # one hub for classes of a PostgreSQL database: no class folder
        lokasi = db
        data = Path(env[ENV["data"]])
        perintah_layanan = ["--db", *[a for k in kelas_daftar for a in ("--kelas", k)]]
        env_layanan = {"SINOVDA_DB": db}  # in the environment, never on a command line
        # reports built from the Admin Kelas page go to ./laporan-<key> of the service: the
        # hub's private data folder, not wherever the admin happened to start the hub
        cwd_layanan: dict[str, str] = {"cwd": str(data)}
    else:
        kelas = Path(env[ENV["kelas"]]).resolve()
        lokasi = str(kelas)
        data = Path(env.get(ENV["data"]) or kelas / "hub")
        perintah_layanan, env_layanan = ["--kelas", str(kelas)], {}
        cwd_layanan = {}  # reports go to <kelas>/laporan
    data.mkdir(parents=True, exist_ok=True)
    ip = env.get(ENV["ip"], "127.0.0.1")
    port = int(env.get(ENV["port"], 8000))
    port_hub = int(env.get(ENV["port_hub"]) or port_bebas())
    port_api = int(env.get(ENV["port_api"]) or port_bebas())
    port_layanan = int(env.get(ENV["port_layanan"]) or port_bebas())
    bindir = Path(sys.executable).parent

    https = env.get(ENV["https"]) == "1"
    skema = "https" if https else "http"
    domain = env.get(ENV["domain"], "").strip()
    aturan = load_masuk()

    c.JupyterHub.bind_url = f"http://{ip}:{port}"
    if env.get(ENV["ssl_cert"]) and env.get(ENV["ssl_key"]):
        c.JupyterHub.ssl_cert = env[ENV["ssl_cert"]]
        c.JupyterHub.ssl_key = env[ENV["ssl_key"]]
        c.JupyterHub.bind_url = f"https://{ip}:{port}"
    if domain:  # the hub at DOMAIN, each user's server at <user>.DOMAIN (its own origin)
        # public port: ours, unless HTTPS is a reverse proxy's (443) or the scheme's default
        publik = 443 if https and not env.get(ENV["ssl_cert"]) else port
        bawaan = 443 if https else 80
        c.JupyterHub.subdomain_host = f"{skema}://{domain}" + (
            "" if publik == bawaan else f":{publik}")
    cookie = {"samesite": "Lax", **({"secure": True} if https else {})}
    c.JupyterHub.tornado_settings = {"headers": dict(HEADER_HUB), "cookie_options": cookie}
    c.JupyterHub.cookie_max_age_days = 1  # a training day; log in again tomorrow
    c.JupyterHub.shutdown_on_logout = True  # shared computers: logging out stops the server
    c.JupyterHub.implicit_spawn_seconds = 3  # a server stopped while idle starts again by itself
    c.JupyterHub.hub_ip = "127.0.0.1"
    c.JupyterHub.hub_port = port_hub
    c.JupyterHub.db_url = f"sqlite:///{data / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(data / "jupyterhub_cookie_secret")
    c.JupyterHub.pid_file = str(data / "jupyterhub.pid")
    c.ConfigurableHTTPProxy.command = [cari_proxy()]
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{port_api}"
    c.ConfigurableHTTPProxy.pid_file = str(data / "proxy.pid")
    c.JupyterHub.template_paths = [str(paths.ROOT / "deploy" / "templates")]

    c.JupyterHub.authenticator_class = "sinovda.hub.auth.SinovdaAuthenticator"
    c.SinovdaAuthenticator.kelas = lokasi
    c.SinovdaAuthenticator.kelas_daftar = kelas_daftar
    # --https without the hub's own certificate: a reverse proxy (nginx) sits in front
    c.SinovdaAuthenticator.proksi_depan = 1 if https and not env.get(ENV["ssl_cert"]) else 0
    c.Authenticator.manage_groups = True
    c.Authenticator.allow_all = False
    c.Authenticator.any_allow_config = True  # check_allowed reads the class's accounts
    c.Authenticator.enable_auth_state = False

    c.JupyterHub.spawner_class = "sinovda.hub.spawner.SinovdaSpawner"
    c.SinovdaSpawner.kelas = lokasi
    c.SinovdaSpawner.kelas_daftar = kelas_daftar
    c.SinovdaSpawner.store_url = url_layanan(port_layanan)
    c.SinovdaSpawner.rumah = env.get(ENV["rumah"]) or "/home"
    cmd, env_server = perintah_server(modul=modul_server(env))
    c.Spawner.cmd = cmd
    c.Spawner.notebook_dir = str(paths.NOTEBOOKS_DIR)
    c.Spawner.environment = {"PATH": f"{bindir}:/usr/local/bin:/usr/bin:/bin",
                             **MALLOC_SERVER, **env_server}
    c.Spawner.start_timeout = 120
    c.Spawner.http_timeout = 90
    c.Spawner.pre_spawn_hook = pilih_port_server  # not a port a kernel can take (issue 9)
    c.Spawner.disable_user_config = True  # ~/.jupyter is ignored (participants: see spawner)
    scope = f"access:services!service={NAMA_LAYANAN}"
    c.Spawner.server_token_scopes = ["users:activity!user", "access:servers!server", scope]
    c.JupyterHub.load_roles = [
        *peran_hub(kelas_daftar if db else [], scope),
        {"name": NAMA_PEMBERSIH, "services": [NAMA_PEMBERSIH],
         "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"]},
    ]

    c.JupyterHub.services = [
        {
            "name": NAMA_LAYANAN,
            "url": f"http://127.0.0.1:{port_layanan}",
            "command": [sys.executable, "-m", "sinovda.hub.layanan", *perintah_layanan],
            "environment": {"PYTHONUNBUFFERED": "1", **env_layanan},
            "display": False,
            **cwd_layanan,
        },
        {
            # stops a server nobody has used for a while (issue 9); it starts again on next use
            "name": NAMA_PEMBERSIH,
            "command": [
                sys.executable, "-m", "jupyterhub_idle_culler",
                f"--timeout={aturan.server_menganggur_menit * 60}",
                f"--cull-every={max(60, aturan.server_menganggur_menit * 60 // 4)}",
            ],
        },
    ]
