"""Which workspace and which participant a module notebook works on.

- ``store_aktif()``: the hub's store service when ``$SINOVDA_STORE_URL`` is set (``RemoteStore``),
  else the class store when ``$SINOVDA_KELAS`` is set, else the personal self-study workspace
  (``sinovda.paths.pribadi_dir()``), created on first use.
- ``peserta_aktif()``: the NIP in use: under JupyterHub ``$JUPYTERHUB_USER`` when it is a roster
  NIP; else ``$SINOVDA_PESERTA``; else the choice saved by module 00 in ``~/.sinovda/aktif.json``
  keyed by the workspace path and, in ``sinovda app``, by the browser: the app gives every
  browser a random ``sinovda_sesi`` cookie, Voila passes the request's ``Cookie`` header to the
  kernel as ``$HTTP_COOKIE``, so the participant chosen in one browser never changes what another
  browser shows (``sesi_browser()``; the app server passes ``sesi=`` itself).
- ``pilih_peserta(nip)``: remember module 00's choice for this workspace (and this browser).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from sinovda import paths
from sinovda.domain.errors import InputTidakValid

if TYPE_CHECKING:
    from sinovda.store import Store

COOKIE_SESI = "sinovda_sesi"
PESAN_BELUM_MEMILIH = (
    "Peserta belum dipilih. Buka modul 00 Pengantar terlebih dahulu, "
    "pilih atau daftarkan diri Anda, lalu kembali ke modul ini."
)


def mode_kelas() -> bool:
    """True in a class (``$SINOVDA_KELAS`` or the hub's ``$SINOVDA_STORE_URL``), False in
    personal self-study."""
    return bool(os.environ.get("SINOVDA_KELAS") or os.environ.get("SINOVDA_STORE_URL"))


def workspace_dir() -> Path:
    """The folder of the active workspace (class or personal)."""
    return paths.kelas_dir() if os.environ.get("SINOVDA_KELAS") else paths.pribadi_dir()


def store_aktif() -> Store:
    """Open the active workspace's store: the hub's store service when ``$SINOVDA_STORE_URL``
    is set, else the class folder, else the personal one (created if missing)."""
    from sinovda.store import Store

    if os.environ.get("SINOVDA_STORE_URL"):
        from sinovda.store.remote import RemoteStore

        return RemoteStore.dari_env()  # type: ignore[return-value]
    if os.environ.get("SINOVDA_KELAS"):
        return Store.open(workspace_dir())
    folder = workspace_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return Store.open(folder, create=True)


def hub_user() -> str | None:
    """The JupyterHub user name, when running under JupyterHub."""
    return os.environ.get("JUPYTERHUB_USER") or None


def _aktif_file() -> Path:
    env = os.environ.get("SINOVDA_AKTIF")
    return Path(env).expanduser() if env else Path.home() / ".sinovda" / "aktif.json"


def sesi_browser(cookie: str | None = None) -> str | None:
    """The browser's ``sinovda_sesi`` cookie from ``cookie`` (default: ``$HTTP_COOKIE``, which
    Voila sets from the page request), or None outside ``sinovda app``."""
    mentah = os.environ.get("HTTP_COOKIE", "") if cookie is None else cookie
    nilai = _nilai_cookie(mentah, COOKIE_SESI)
    return nilai if nilai and len(nilai) <= 64 and nilai.isascii() else None


def _nilai_cookie(mentah: str, nama: str) -> str:
    """The value of cookie ``nama`` in a ``Cookie`` header, read as the app server (tornado's
    ``parse_cookie``) reads it: pairs split on ``;``, the last of a repeated name wins, outer
    quotes dropped. Every cookie of 127.0.0.1 reaches the page, whatever its port: one that
    ``http.cookies.SimpleCookie`` rejects (a space, a JSON value, a non-ASCII letter) made it
    stop before ``sinovda_sesi``, and the page showed the workspace-wide choice (someone else's
    workbook) while the course map showed this browser's."""
    nilai = ""
    for bagian in mentah.split(";"):
        kunci, sama, isi = bagian.partition("=")
        if sama and kunci.strip() == nama:
            isi = isi.strip()
            nilai = isi[1:-1] if len(isi) >= 2 and isi[0] == isi[-1] == '"' else isi
    return nilai


def _kunci(sesi: str | None = None) -> str:
    url = os.environ.get("SINOVDA_STORE_URL")
    dasar = url if url else str(workspace_dir().expanduser().resolve())
    sesi = sesi if sesi is not None else sesi_browser()
    return f"{dasar}#sesi={sesi}" if sesi else dasar


def _baca_aktif() -> dict[str, str]:
    berkas = _aktif_file()
    try:
        data = json.loads(berkas.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def nip_terkunci(store: Store | None = None) -> str | None:
    """The NIP fixed by the environment (hub user on the roster, or ``$SINOVDA_PESERTA``)."""
    user = hub_user()
    if user:
        st = store if store is not None else store_aktif()
        if st.get_peserta(user) is not None:
            return user
    env = os.environ.get("SINOVDA_PESERTA")
    return env.strip() if env and env.strip() else None


def peserta_aktif(store: Store | None = None, sesi: str | None = None) -> str | None:
    """The active participant's NIP (for browser ``sesi``, default: this page's browser), or
    None when none has been chosen yet."""
    tetap = nip_terkunci(store)
    if tetap:
        return tetap
    nip = _baca_aktif().get(_kunci(sesi))
    return str(nip) if nip else None


def pilih_peserta(nip: str, store: Store | None = None, sesi: str | None = None) -> None:
    """Remember ``nip`` as this workspace's (and this browser's) active participant (must be on
    the roster). Writers are serialised with a lock file, so two browsers choosing at the same
    moment both keep their choice."""
    st = store if store is not None else store_aktif()
    nip = str(nip).strip()
    if st.get_peserta(nip) is None:
        raise InputTidakValid(f"NIP {nip} tidak ada dalam daftar peserta kelas ini")
    tetap = nip_terkunci(st)
    if tetap and tetap != nip:
        raise InputTidakValid(f"Peserta di sesi ini sudah ditetapkan: NIP {tetap}")
    from sinovda.data.kunci_berkas import kunci_eksklusif  # flock, or msvcrt on Windows

    berkas = _aktif_file()
    berkas.parent.mkdir(parents=True, exist_ok=True)
    with kunci_eksklusif(berkas.with_suffix(".lock")):
        data = _baca_aktif()
        data[_kunci(sesi)] = nip
        tmp = berkas.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
        tmp.replace(berkas)
