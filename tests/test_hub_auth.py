"""sinovda.hub.auth helpers: the client address a login is counted against, and the hub
groups of an account (per class on a hub serving several classes)."""

from __future__ import annotations

from types import SimpleNamespace

from sinovda.hub.auth import alamat_klien, grup_akun


def _minta(xff: str | None, real_ip: str = "", peer: str = "10.9.9.9") -> SimpleNamespace:
    headers = {k: v for k, v in (("X-Forwarded-For", xff), ("X-Real-Ip", real_ip)) if v}
    return SimpleNamespace(headers=headers, remote_ip=real_ip or peer,
                           connection=SimpleNamespace(context=SimpleNamespace(
                               address=(peer, 51000))))


def test_the_address_is_what_the_hub_proxy_appended_not_what_the_client_wrote():
    # the client forged both headers; CHP appended the real peer 198.51.100.7
    r = _minta("203.0.113.78, 198.51.100.7", real_ip="203.0.113.77")
    assert alamat_klien(r) == "198.51.100.7"
    # behind one trusted reverse proxy (nginx/ingress appended the client, CHP the proxy)
    r = _minta("203.0.113.78, 198.51.100.7, 10.0.0.5", real_ip="203.0.113.77")
    assert alamat_klien(r, proksi_depan=1) == "198.51.100.7"
    # fewer entries than proxies: the leftmost, never an error
    assert alamat_klien(_minta("198.51.100.7"), proksi_depan=3) == "198.51.100.7"
    # no proxy at all: the socket's peer, not X-Real-Ip
    assert alamat_klien(_minta(None, real_ip="203.0.113.77")) == "10.9.9.9"


def test_groups_per_class_on_a_several_class_hub():
    assert grup_akun("peserta", []) == ["peserta"]
    assert grup_akun("fasilitator", []) == ["fasilitator"]
    assert grup_akun("peserta", ["a", "b"]) == ["peserta", "kelas-a", "kelas-b"]
    assert grup_akun("fasilitator", ["a"]) == ["fasilitator", "kelas-a",
                                               "kelas-a-fasilitator"]
