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
