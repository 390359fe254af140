"""Which workspace and participant a module uses: class, self-study, hub user, saved choice."""

from __future__ import annotations

import pytest

from sinovda.domain.errors import InputTidakValid
from sinovda.domain.peserta import Peserta
from sinovda.forms import konteks
from sinovda.store import Store

NIP = "198503152010011001"
NIP2 = "199002202015032002"


@pytest.fixture
def env(tmp_path, monkeypatch):
    for k in ("SINOVDA_KELAS", "SINOVDA_PESERTA", "JUPYTERHUB_USER", "SINOVDA_STORE_URL"):
        monkeypatch.delenv(k, raising=False)
    monkeypatch.setenv("SINOVDA_PRIBADI", str(tmp_path / "pribadi"))
    monkeypatch.setenv("SINOVDA_AKTIF", str(tmp_path / "aktif.json"))
    return tmp_path


@pytest.fixture
def kelas(env, monkeypatch):
    st = Store.create(env / "kelas", nama="Kelas Uji")
    st.upsert_peserta([Peserta(NIP, "Budi"), Peserta(NIP2, "Sari")])
    monkeypatch.setenv("SINOVDA_KELAS", str(env / "kelas"))
    return st


def test_self_study_workspace_is_created_on_first_use(env):
    assert not konteks.mode_kelas()
    st = konteks.store_aktif()
    assert (env / "pribadi" / "sinovda.db").exists()
    assert st.daftar_peserta() == []
    assert konteks.peserta_aktif(st) is None


def test_class_workspace_and_the_saved_choice(kelas):
    assert konteks.mode_kelas()
    st = konteks.store_aktif()
    assert konteks.peserta_aktif(st) is None
    konteks.pilih_peserta(NIP2, st)
    assert konteks.peserta_aktif(st) == NIP2
    assert konteks.peserta_aktif() == NIP2  # a fresh process finds the same choice


def test_choice_is_kept_per_workspace(kelas, env, monkeypatch):
    konteks.pilih_peserta(NIP, konteks.store_aktif())
    monkeypatch.delenv("SINOVDA_KELAS")
    assert konteks.peserta_aktif(konteks.store_aktif()) is None


def test_choosing_someone_not_on_the_roster_is_refused(kelas):
    with pytest.raises(InputTidakValid, match="tidak ada dalam daftar peserta"):
        konteks.pilih_peserta("197001012000011001", konteks.store_aktif())


def test_hub_user_on_the_roster_is_fixed(kelas, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", NIP)
    st = konteks.store_aktif()
    assert konteks.peserta_aktif(st) == NIP
    with pytest.raises(InputTidakValid, match="sudah ditetapkan"):
        konteks.pilih_peserta(NIP2, st)


def test_hub_user_not_on_the_roster_falls_back(kelas, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "fasilitator")
    monkeypatch.setenv("SINOVDA_PESERTA", NIP2)
    assert konteks.peserta_aktif(konteks.store_aktif()) == NIP2


def test_a_broken_choice_file_is_ignored(kelas, env):
    (env / "aktif.json").write_text("{rusak", encoding="utf-8")
    st = konteks.store_aktif()
    assert konteks.peserta_aktif(st) is None
    konteks.pilih_peserta(NIP, st)
    assert konteks.peserta_aktif(st) == NIP


def test_each_browser_keeps_its_own_participant(kelas, monkeypatch):
    # sinovda app: Voila passes the page request's Cookie header to the kernel as $HTTP_COOKIE.
    monkeypatch.setenv("HTTP_COOKIE", "_xsrf=abc; sinovda_sesi=browserA")
    konteks.pilih_peserta(NIP, kelas)
    monkeypatch.setenv("HTTP_COOKIE", "sinovda_sesi=browserB")
    assert konteks.peserta_aktif(kelas) is None  # B has chosen no one yet
    konteks.pilih_peserta(NIP2, kelas)
    assert konteks.peserta_aktif(kelas) == NIP2
    monkeypatch.setenv("HTTP_COOKIE", "sinovda_sesi=browserA")
    assert konteks.peserta_aktif(kelas) == NIP  # B's choice did not change A
    # The app server asks for a given browser without any environment.
    monkeypatch.delenv("HTTP_COOKIE")
    assert konteks.peserta_aktif(kelas, sesi="browserB") == NIP2
    assert konteks.peserta_aktif(kelas) is None  # no browser: the workspace-wide choice


def test_browser_session_is_read_from_the_cookie_header_only_when_sane():
    assert konteks.sesi_browser("a=1; sinovda_sesi=Xy_9-z") == "Xy_9-z"
    assert konteks.sesi_browser("a=1") is None
    assert konteks.sesi_browser("") is None
    assert konteks.sesi_browser("sinovda_sesi=" + "x" * 65) is None


@pytest.mark.parametrize("lain", [
    'pref=a b', 'data={"tema": "gelap"}', 'nama=Budi Ñandú', 'jalur=C:\\temp', 'x="tanpa tutup',
])
def test_another_local_apps_odd_cookie_does_not_hide_the_browser_session(lain):
    # Cookies of 127.0.0.1 ignore the port: another local app's cookie comes with every page.
    assert konteks.sesi_browser(f"{lain}; sinovda_sesi=Xy_9-z; _xsrf=2|ab") == "Xy_9-z"
    assert konteks.sesi_browser(f"sinovda_sesi=Xy_9-z; {lain}") == "Xy_9-z"
    assert konteks.sesi_browser(f'{lain}; sinovda_sesi="Xy_9-z"') == "Xy_9-z"


def test_with_an_odd_cookie_a_browser_that_chose_no_one_never_gets_anothers_workbook(
        kelas, monkeypatch):
    # sinovda lab (no cookie) or an older app saved a workspace-wide choice: NIP.
    monkeypatch.delenv("HTTP_COOKIE", raising=False)
    konteks.pilih_peserta(NIP, kelas)
    monkeypatch.setenv("HTTP_COOKIE", "pref=a b; sinovda_sesi=browserC")
    assert konteks.peserta_aktif(kelas) is None  # C chose no one: module 00 first
    konteks.pilih_peserta(NIP2, kelas)
    assert konteks.peserta_aktif(kelas) == NIP2
    assert konteks.peserta_aktif(kelas, sesi="browserC") == NIP2  # the course map agrees
    monkeypatch.delenv("HTTP_COOKIE")
    assert konteks.peserta_aktif(kelas) == NIP
