"""The portable lock file: a second holder waits until the first lets go."""

from __future__ import annotations

import threading
import time

from sinovda.data.kunci_berkas import kunci_eksklusif


def test_a_second_holder_waits_for_the_first(tmp_path):
    path = tmp_path / "aktif.lock"
    masuk = threading.Event()
    catatan: list[tuple[str, float]] = []

    def pertama() -> None:
        with kunci_eksklusif(path):
            masuk.set()
            time.sleep(0.5)
            catatan.append(("pertama selesai", time.monotonic()))

    def kedua() -> None:
        masuk.wait(10)
        with kunci_eksklusif(path):
            catatan.append(("kedua masuk", time.monotonic()))

    t1, t2 = threading.Thread(target=pertama), threading.Thread(target=kedua)
    t1.start()
    t2.start()
    t1.join(20)
    t2.join(20)
    assert [n for n, _ in catatan] == ["pertama selesai", "kedua masuk"]
    assert path.exists()


def test_the_lock_is_released_after_an_error(tmp_path):
    path = tmp_path / "x.lock"
    try:
        with kunci_eksklusif(path):
            raise ValueError("gagal")
    except ValueError:
        pass
    with kunci_eksklusif(path):  # would block forever if still held
        pass
