"""Admin Kelas on a hub serving several classes of one PostgreSQL database: a facilitator adds a
trainer who already has an account (in another class) to THIS class from the page, with no new
passcode, recorded in this class's admin log; removing takes them out of this class only. Only a
facilitator of this class may do it (decided by the store service from the memberships), and
only for this class. The service is the real ``buat_app`` serving two classes on a loopback
port; the page is ``FormAdmin`` driven from Python, talking to it over HTTP with ``KlienAdmin``.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from test_hub_layanan import PB, Layanan, kelas_banyak

from sinovda.domain.errors import AksesDitolak, InputTidakValid
from sinovda.forms.admin import FormAdmin
from sinovda.hub.admin import KlienAdmin, OperasiAdmin
from sinovda.hub.akun import DaftarAkun
from sinovda.store import Store
from sinovda.store.admin import DataAdmin
from sinovda.store.remote import RemoteStore

KODE_SATU = "KODE-SATU-1234"


@pytest.fixture
def hub(pg_url: str) -> Iterator[tuple[Layanan, str, str, dict[str, str]]]:
    """Classes A and B; ``satu`` is a facilitator of A only (passcode KODE_SATU), ``tiga`` of B
    only, ``dua`` of both; PB a participant of B."""
    ka, kb, token = kelas_banyak(pg_url)
    satu = token["tok-satu"]
    DaftarAkun(f"{pg_url}?kelas={ka}").set_kode(satu, KODE_SATU)
    tiga = "t" + satu[1:]
    DaftarAkun(f"{pg_url}?kelas={kb}").tambah_fasilitator(tiga, "Dr. Tiga")
    token["tok-tiga"] = tiga
    srv = Layanan(pg_url, [ka, kb], token)
    yield srv, ka, kb, token
    srv.berhenti()


def test_an_existing_facilitator_joins_this_class_from_the_page(hub, pg_url: str):
    srv, ka, kb, token = hub
    satu, tiga = token["tok-satu"], token["tok-tiga"]
    la, lb = f"{pg_url}?kelas={ka}", f"{pg_url}?kelas={kb}"
    # not a facilitator of B: refused by the service, nothing changes
    for tok in ("tok-satu", "tok-pb"):
        with pytest.raises(AksesDitolak):
            KlienAdmin(srv.url, tok, kelas=kb).tambah_fasilitator(satu)
    with pytest.raises(AksesDitolak):
        RemoteStore(srv.url, "tok-satu", kelas=kb).load_all_peserta()
    # B's facilitator adds satu from the Admin Kelas page
    form = FormAdmin(KlienAdmin(srv.url, "tok-tiga", kelas=kb),
                     RemoteStore(srv.url, "tok-tiga", kelas=kb))
    form.fas_nama.value = satu
    form.tombol_fas.click()
    assert "sudah punya akun" in form.pesan.value and "tidak ada kode baru" in form.pesan.value
    assert satu in [n for _, n in form.fas_hapus.options]  # listed as B's facilitator now
    assert "Satu Kelas" in Store.open(lb).kelas_info()["fasilitator"]  # their own full name
    # the same passcode, now in both classes; B's data opens to them
    assert DaftarAkun(lb).cek(satu, KODE_SATU) is not None
    assert DaftarAkun(pg_url, kelas=[ka, kb]).kelas_anggota(satu) == [kb, ka]
    assert set(RemoteStore(srv.url, "tok-satu", kelas=kb).load_all_peserta()) == {PB}
    # recorded in B's admin log as done by tiga; A's log knows nothing of it
    log_b = DataAdmin(lb).log()
    assert (log_b[0].oleh, log_b[0].aksi) == (f"fasilitator:{tiga}",
                                              "tambah fasilitator (akun yang ada)")
    assert satu in log_b[0].rincian and "kode akses tidak berubah" in log_b[0].rincian
    assert not [c for c in DataAdmin(la).log() if "tambah fasilitator" in c.aksi]
    # adding them again says so
    with pytest.raises(InputTidakValid, match="sudah ada di kelas ini"):
        KlienAdmin(srv.url, "tok-tiga", kelas=kb).tambah_fasilitator(satu)

    # removing: out of B only; their account, passcode and class A stay
    form.fas_hapus.value = satu
    form.tombol_hapus.click()
    assert "dihapus dari kelas ini" in form.pesan.value
    assert DaftarAkun(pg_url, kelas=[ka, kb]).kelas_anggota(satu) == [ka]
    assert DaftarAkun(la).cek(satu, KODE_SATU) is not None
    assert DaftarAkun(lb).get(satu) is None
    with pytest.raises(AksesDitolak):
        RemoteStore(srv.url, "tok-satu", kelas=kb).load_all_peserta()
    assert DataAdmin(lb).log()[0].aksi == "hapus fasilitator"
    # and a facilitator of A cannot remove anyone from B
    with pytest.raises(AksesDitolak):
        KlienAdmin(srv.url, "tok-satu", kelas=kb).hapus_fasilitator(tiga)
    assert DaftarAkun(lb).peran(tiga) == "fasilitator"


def test_a_new_name_still_gets_a_new_account_and_passcode(hub, pg_url: str):
    srv, _, kb, token = hub
    baru = "b" + token["tok-satu"][1:]
    h = KlienAdmin(srv.url, "tok-tiga", kelas=kb).tambah_fasilitator(baru, "Bu Baru")
    assert h["kode"] and not h["gabung"]
    assert DaftarAkun(f"{pg_url}?kelas={kb}").cek(baru, h["kode"]) is not None
    assert DataAdmin(f"{pg_url}?kelas={kb}").log()[0].aksi == "tambah fasilitator"


def test_a_new_passcode_only_for_accounts_whose_classes_the_caller_teaches(hub, pg_url: str):
    """Accounts are database-wide: a facilitator of A only who gave a new passcode to a
    co-trainer of A and B (or to a participant of B put on A's roster) could log in as them and
    open class B. Refused (403), the passcode unchanged; a trainer of both classes may; a
    participant of A alone still gets one from A's trainer."""
    from test_hub_layanan import PA

    srv, ka, kb, token = hub
    satu, dua = token["tok-satu"], token["tok-dua"]
    la = f"{pg_url}?kelas={ka}"
    DaftarAkun(la).set_kode(dua, "KODE-DUA-1234")
    admin_a = KlienAdmin(srv.url, "tok-satu", kelas=ka)
    with pytest.raises(AksesDitolak, match="kelas lain yang tidak Anda ampu"):
        admin_a.reset_kode(dua)
    assert DaftarAkun(la).cek(dua, "KODE-DUA-1234") is not None
    # PB (class B) put on A's roster: A's trainer alone cannot (see test_hub_admin_roster);
    # the server's operator can: now in A, but no passcode from A alone
    roster = (f"NIP,Nama,Jabatan,OPD,Instansi\n{PA},Ani,Staf,Dinas,Pemkab\n{PB},Budi,Staf,"
              "Dinas,Pemkab\n").encode()
    with pytest.raises(InputTidakValid, match="sudah terdaftar di kelas lain"):
        admin_a.impor_roster("roster.csv", roster)
    with pytest.raises(AksesDitolak, match="tidak Anda ampu"):
        admin_a.impor_roster("roster.csv", roster, kelas_lain=True)
    OperasiAdmin(la).impor_roster("roster.csv", roster, kelas_lain=True)
    assert DaftarAkun(la).get(PB) is not None
    with pytest.raises(AksesDitolak, match="kelas lain"):
        admin_a.reset_kode(PB)
    assert PB not in [s["nama"] for s in admin_a.kode_semua()]
    assert DaftarAkun(la).get(PB).punya_kode is False
    assert not [c for c in DataAdmin(la).log() if c.aksi == "kode akses baru"]
    # a trainer of every class of the account may (dua teaches A and B; satu is in A only);
    # a participant of A alone and satu themself still get one from satu
    assert KlienAdmin(srv.url, "tok-dua", kelas=ka).reset_kode(satu)["kode"]
    r = random.Random()
    baru = (f"19{r.randint(60, 99)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}2005011"
            f"{r.randint(1, 999):03d}")  # a NIP in no other class of the shared test database
    admin_a.impor_roster("roster.csv", f"NIP,Nama,Jabatan,OPD,Instansi\n{PA},Ani,Staf,Dinas,"
                         f"Pemkab\n{baru},Baru,Staf,Dinas,Pemkab\n".encode())
    assert baru in [s["nama"] for s in admin_a.kode_semua()]
    assert admin_a.reset_kode(baru)["kode"] and admin_a.reset_kode(satu)["kode"]


def test_admin_kelas_shows_and_lifts_only_this_class_s_login_locks(hub, pg_url: str):
    """Login locks are database-wide on PostgreSQL: A's page lists the locks of A's accounts
    and of client addresses, never a NIP or trainer name of class B, and A's trainer cannot
    lift (or probe) the lock of B's account."""
    from test_hub_layanan import PA

    from sinovda.data.settings import AturanMasuk

    srv, ka, kb, token = hub
    aturan = AturanMasuk(gagal_maks=1, gagal_maks_alamat=50, jendela_menit=15, kunci_menit=15,
                         jeda_detik=0)
    semua = DaftarAkun(pg_url)
    for nama, alamat in ((PA, "10.0.0.1"), (PB, "10.0.0.2"), (token["tok-tiga"], "10.0.0.3")):
        semua.buka_kunci(nama)
        for _ in range(2):
            semua.masuk(nama, "SALAH-0000", alamat, aturan)
    admin_a = KlienAdmin(srv.url, "tok-satu", kelas=ka)
    terkunci = admin_a.ringkas()["terkunci"]
    assert PA in terkunci and PB not in terkunci and token["tok-tiga"] not in terkunci
    with pytest.raises(InputTidakValid, match="tidak ada di kelas ini"):
        admin_a.buka_kunci(PB)
    assert [k.kunci for k in DaftarAkun(f"{pg_url}?kelas={kb}").daftar_terkunci()
            if k.kunci == PB] == [PB]
    assert admin_a.buka_kunci(PA) == {"dibuka": True}
    assert KlienAdmin(srv.url, "tok-tiga", kelas=kb).buka_kunci(PB) == {"dibuka": True}
