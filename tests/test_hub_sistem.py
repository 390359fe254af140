"""The hub's system users (``sinovda.hub.sistem``): a stale user is repaired, a user with
processes still running is removed (real ``useradd``/``userdel``; root only)."""

from __future__ import annotations

import os
import pwd
import shutil
import stat
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from sinovda.hub import sistem

perlu_root = pytest.mark.skipif(os.geteuid() != 0, reason="akun sistem hanya bisa dibuat root")
NAMA = "snvuji-sistem"


@pytest.fixture
def rumah():
    d = Path(tempfile.mkdtemp(prefix="sinovda-uji-sistem-", dir="/tmp"))
    os.chmod(d, 0o755)
    yield d
    sistem.hapus_akun_os(NAMA)
    shutil.rmtree(d, ignore_errors=True)


def test_nama_akun_os_per_peran():
    assert sistem.akun_os("198001012005011001", "peserta") == "snv198001012005011001"
    assert sistem.akun_os("siti", "fasilitator") == "snvf-siti"
    assert len(sistem.akun_os("x" * 60, "fasilitator")) == 32


@perlu_root
def test_akun_yang_rumahnya_hilang_mendapat_rumahnya_kembali(rumah):
    """A user left from an earlier hub whose home folder was removed (its --rumah folder gone):
    the next spawn must not fail on a missing home (a CI run's facilitator server answered 500)."""
    info = sistem.pastikan_akun_os(NAMA, rumah)
    home = Path(info.pw_dir)
    assert home == rumah / NAMA and home.is_dir()
    shutil.rmtree(home)
    again = sistem.pastikan_akun_os(NAMA, rumah)
    assert again.pw_uid == info.pw_uid
    st = home.stat()
    assert home.is_dir() and st.st_uid == info.pw_uid and stat.S_IMODE(st.st_mode) == 0o700


@perlu_root
def test_akun_dengan_proses_berjalan_tetap_terhapus(rumah):
    """``userdel`` alone refuses a user whose process is still running."""
    info = sistem.pastikan_akun_os(NAMA, rumah)
    proc = subprocess.Popen(["sleep", "300"], user=info.pw_uid, group=info.pw_gid,
                            cwd=info.pw_dir)
    try:
        time.sleep(0.2)
        sistem.hapus_akun_os(NAMA)
        with pytest.raises(KeyError):
            pwd.getpwnam(NAMA)
        assert proc.wait(10) != 0  # killed
    finally:
        if proc.poll() is None:
            proc.kill()
