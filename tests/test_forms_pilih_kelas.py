"""The facilitator's class chooser: on a hub serving several classes of one database, a trainer
in two classes sees both, the dashboard shows the chosen class, and the choice is kept for the
other pages (Admin Kelas, Penilaian). Runs against the real store service (``buat_app``) on a
real PostgreSQL database; only the hub's token lookup is a table."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from test_hub_layanan import PA, PB, Layanan, kelas_banyak

from sinovda.forms import pilih_kelas
from sinovda.forms.dasbor import Dasbor
from sinovda.hub.admin import KlienAdmin
from sinovda.store import remote
from sinovda.store.remote import RemoteStore


@pytest.fixture
def layanan(pg_url: str) -> Iterator[tuple[Layanan, str, str]]:
    ka, kb, token = kelas_banyak(pg_url)
    srv = Layanan(pg_url, [ka, kb], token)
    yield srv, ka, kb
    srv.berhenti()


def test_trainer_in_two_classes_chooses_and_the_dashboard_follows(layanan):
    srv, ka, kb = layanan
    RemoteStore(srv.url, "tok-pa", kelas=ka).save(PA, "masalah", "akar_masalah", "Antrean")
    st = RemoteStore(srv.url, "tok-dua")
    admin = KlienAdmin(srv.url, "tok-dua")
    pilih = pilih_kelas.siapkan(st, admin)
    assert pilih is not None
    # both classes offered, by name; the newest class first and chosen
    assert [v for _, v in pilih.pilihan.options] == [kb, ka]
    assert "Kelas Ani" in pilih.pilihan.options[1][0] and not pilih.pilihan.disabled
    assert pilih.aktif == kb and st.kelas == kb and admin.kelas == kb
    d = Dasbor(st)
    pilih.saat_ganti.append(lambda _: d.perbarui())
    assert d.ringkasan is not None and [b.nip for b in d.ringkasan.progres] == [PB]
    assert "Kelas Budi" in d.kepala.value
    pilih.pilihan.value = ka  # the trainer picks class A
    assert st.kelas == ka and admin.kelas == ka
    assert [b.nip for b in d.ringkasan.progres] == [PA] and "Kelas Ani" in d.kepala.value
    assert [p["nip"] for p in admin.ringkas()["peserta"]] == [PA]  # Admin Kelas: same class
    # kept for the other pages of this server
    assert remote.kelas_aktif() == ka
    lagi = RemoteStore(srv.url, "tok-dua", kelas=remote.kelas_aktif())
    assert pilih_kelas.siapkan(lagi).aktif == ka


def test_a_stale_choice_falls_back_to_a_class_of_theirs(layanan):
    srv, ka, _ = layanan
    remote.simpan_kelas_aktif("kelas-lama-lain")  # e.g. left from another hub
    st = RemoteStore(srv.url, "tok-satu", kelas=remote.kelas_aktif())
    pilih = pilih_kelas.siapkan(st)
    assert pilih is not None and pilih.aktif == ka and st.kelas == ka
    assert pilih.pilihan.disabled  # one class: shown, nothing to choose
    assert set(st.load_all_peserta()) == {PA}


def test_nothing_to_choose_outside_a_several_class_hub(store):
    assert pilih_kelas.siapkan(store) is None  # a class folder on this machine
    with pytest.raises(Exception, match="tidak sah"):
        remote.simpan_kelas_aktif("../etc")
