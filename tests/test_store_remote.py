"""RemoteStore: errors from the store service come back as the store's own exceptions, in
Indonesian (the service itself is tested in tests/test_hub_layanan.py, over HTTP)."""

from __future__ import annotations

import pytest

from sinovda.store.remote import RemoteStore


def test_an_unreachable_service_is_said_in_indonesian():
    import socket

    from sinovda.domain.errors import GagalPenyimpanan

    with socket.socket() as s:  # a free port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    r = RemoteStore(f"http://127.0.0.1:{port}/", "t", timeout=5)
    with pytest.raises(GagalPenyimpanan, match="tidak dapat dihubungi .sambungan ditolak.") as e:
        r.save("198503152010011001", "masalah", "isu", [])
    assert "Errno" not in str(e.value) and "refused" not in str(e.value)
