"""Operating-system side of the hub: one unprivileged system user per account, a locked class DB.

Each hub account runs its Jupyter server as its own system user (``snv<nip>`` for a participant,
``snvf-<nama>`` for a facilitator). The class folder and DB are readable only by the hub's user
(root), so a participant's kernel cannot open the DB; it reaches its own answers only through the
store service.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
from pathlib import Path

from sinovda import paths
from sinovda.domain.errors import SinovdaError

AWALAN_PESERTA = "snv"
AWALAN_FASILITATOR = "snvf-"


def akun_os(nama: str, peran: str) -> str:
    """The system user name of a hub account (at most 32 characters)."""
    awalan = AWALAN_FASILITATOR if peran == "fasilitator" else AWALAN_PESERTA
    return (awalan + nama)[:32]


def sebagai_root() -> bool:
    """True when the hub runs as root and can switch to per-account system users."""
    return os.geteuid() == 0


def terbuka_untuk_semua(path: Path) -> bool:
    """True when any system user can reach and run ``path`` (o+x on it and every parent)."""
    path = Path(path).resolve()
    return all(os.stat(p).st_mode & 0o001 for p in [path, *path.parents])


def pastikan_akun_os(nama_os: str, rumah: Path) -> pwd.struct_passwd:
    """Create the system user ``nama_os`` (home ``rumah/nama_os``, mode 700) if missing.

    An existing user whose home folder is gone (removed with an old ``--rumah`` folder, or a
    ``userdel`` that failed while the user's last processes were ending) gets its home back,
    owned by it and mode 700: Jupyter cannot start a server in a missing home."""
    try:
        info = pwd.getpwnam(nama_os)
    except KeyError:
        pass
    else:
        _pulihkan_rumah(info)
        return info
    useradd = shutil.which("useradd") or "/usr/sbin/useradd"
    home = rumah / nama_os
    rumah.mkdir(parents=True, exist_ok=True)
    os.chmod(rumah, 0o755)
    if not terbuka_untuk_semua(rumah):
        raise SinovdaError(
            f"folder rumah {rumah} tidak dapat dijangkau akun peserta (ada folder induk yang "
            "tertutup); pilih folder lain dengan --rumah, mis. /home"
        )
    hasil = subprocess.run(
        [useradd, "--system", "--create-home", "--home-dir", str(home),
         "--shell", "/usr/sbin/nologin", "--user-group", nama_os],
        capture_output=True, text=True, check=False,
    )
    if hasil.returncode != 0:
        raise SinovdaError(
            f"akun sistem '{nama_os}' tidak dapat dibuat: {hasil.stderr.strip() or hasil.stdout}"
        )
    info = pwd.getpwnam(nama_os)
    os.chmod(info.pw_dir, 0o700)
    return info


def _pulihkan_rumah(info: pwd.struct_passwd) -> None:
    """Create ``info``'s home folder when it is missing (see ``pastikan_akun_os``)."""
    home = Path(info.pw_dir)
    if home.is_dir() or not home.is_absolute() or home == Path("/"):
        return
    home.parent.mkdir(parents=True, exist_ok=True)
    home.mkdir(mode=0o700)
    os.chown(home, info.pw_uid, info.pw_gid)
    os.chmod(home, 0o700)


def _proses_milik(uid: int) -> list[int]:
    """Process ids owned by ``uid`` (Linux ``/proc``)."""
    pids = []
    for nama in os.listdir("/proc"):
        if nama.isdigit():
            try:
                if os.stat(f"/proc/{nama}").st_uid == uid:
                    pids.append(int(nama))
            except OSError:
                continue
    return pids


def hapus_akun_os(nama_os: str, tunggu: float = 10.0) -> None:
    """Remove the system user ``nama_os`` and its home (used by tests and clean-up).

    ``userdel`` refuses a user that still has processes (a server or kernel still ending after
    the hub stopped): those are killed first, and the removal is retried for up to ``tunggu``
    seconds, so the next hub never finds a stale user."""
    import signal
    import time

    userdel = shutil.which("userdel") or "/usr/sbin/userdel"
    batas = time.monotonic() + tunggu
    while True:
        try:
            uid = pwd.getpwnam(nama_os).pw_uid
        except KeyError:
            return
        if uid == 0:
            raise SinovdaError(f"akun '{nama_os}' adalah root; tidak dihapus")
        for pid in _proses_milik(uid):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        subprocess.run([userdel, "--remove", nama_os], capture_output=True, check=False)
        if time.monotonic() > batas:
            return
        time.sleep(0.2)


def kunci_kelas(kelas_dir: Path) -> None:
    """Make the class folder and its DB files readable and writable only by the current user."""
    os.chmod(kelas_dir, 0o700)
    for name in (paths.DB_NAME, paths.DB_NAME + "-wal", paths.DB_NAME + "-shm"):
        berkas = kelas_dir / name
        if berkas.exists():
            os.chmod(berkas, 0o600)
