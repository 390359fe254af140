"""The warm report kernel: reused across participants, and wiped before each one."""

from __future__ import annotations

from pathlib import Path

from conftest import NIP_LENGKAP, NIP_TANPA_INOVASI, buat_kelas_laporan

from sinovda.report.batch import TEMPLAT
from sinovda.report.pekerja import Pekerja


def _jalankan_kode(pekerja: Pekerja, kode: str) -> str:
    keluaran: list[str] = []

    def kait(msg: dict) -> None:
        if msg["msg_type"] == "stream":
            keluaran.append(msg["content"]["text"])

    reply = pekerja.kc.execute_interactive(kode, timeout=30, store_history=False,
                                           output_hook=kait)
    assert reply["content"]["status"] == "ok"
    return "".join(keluaran).strip()


def test_a_warm_kernel_is_reset_before_the_next_participant(tmp_path: Path):
    kelas = buat_kelas_laporan(tmp_path / "kelas")
    with Pekerja(TEMPLAT, kelas) as pekerja:
        pertama = pekerja.jalankan(NIP_LENGKAP)
        assert pertama.cells  # the template ran for the first participant
        # what the first participant's run leaves behind: its variables, an extra name, a figure
        _jalankan_kode(pekerja, "SISA_PESERTA_1 = nip\nimport matplotlib.pyplot as plt\n"
                                "plt.figure()\nprint(sorted(k for k in globals() "
                                "if not k.startswith('_'))[:3])")
        kernel = pekerja.km.kernel.pid if hasattr(pekerja.km, "kernel") else None
        pekerja.jalankan(NIP_TANPA_INOVASI)
        if kernel is not None:  # the same warm kernel, not a fresh one
            assert pekerja.km.kernel.pid == kernel
        # the second run sees none of it: the namespace was reset and the figure closed before
        # it started (the template's own names are the second participant's)
        sisa = _jalankan_kode(pekerja, "print('SISA_PESERTA_1' in globals(), nip)")
        assert sisa == f"False {NIP_TANPA_INOVASI}"
        angka = _jalankan_kode(pekerja, "import matplotlib.pyplot as plt\n"
                                        "print(len(plt.get_fignums()))")
        assert angka == "0"


def test_what_a_worker_gets_template_as_content_and_no_password_in_the_notebook(
        tmp_path: Path, monkeypatch):
    """A Dask worker gets the template's content (no path of the client). A PostgreSQL class's
    URL (maybe with a password) goes to the kernel's environment; the notebook's ``kelas``
    parameter is the class key only. A folder class runs without any ``SINOVDA_DB``."""
    monkeypatch.setenv("SINOVDA_DB", "postgresql://lain@db.lain/x")
    url = "postgresql://guru:rahasia@db.local:5432/sinovda"
    p = Pekerja(TEMPLAT.read_bytes(), f"{url}?kelas=angkatan-1")
    assert p.nb_templat.cells == Pekerja(TEMPLAT, tmp_path).nb_templat.cells
    assert p.kelas == "angkatan-1" and p.env["SINOVDA_DB"] == url
    assert "rahasia" not in p.kelas and Path(p.cwd).is_dir()
    lokal = Pekerja(TEMPLAT, tmp_path)
    assert lokal.kelas == str(tmp_path) and lokal.cwd == str(tmp_path)
    assert "SINOVDA_DB" not in lokal.env
