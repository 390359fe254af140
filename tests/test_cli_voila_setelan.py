"""The Voila settings shared by ``sinovda app`` and the hub's participant servers."""

from __future__ import annotations

import asyncio
import logging
import os

import jinja2

from sinovda.cli.voila_setelan import (
    CACHE_TEMPLAT,
    MODUL_TEMPLAT,
    argumen_voila,
    baca_tanggal,
    lingkungan_voila,
    log_sesuai_tingkat,
    pasang_cache_templat,
    pasang_tanggal_cepat,
)
from sinovda.data.ruang import AturanRuang


def test_options_carry_the_settings_from_modul():
    args = argumen_voila(AturanRuang(kernel_menganggur_detik=45, periksa_detik=5,
                                     tunggu_keluaran_detik=200))
    for opsi in ("--MappingKernelManager.cull_idle_timeout=45",
                 "--MappingKernelManager.cull_interval=5",
                 "--MappingKernelManager.cull_connected=False",
                 "--VoilaExecutor.iopub_timeout=200",
                 "--VoilaConfiguration.template=sinovda",
                 "--VoilaConfiguration.strip_sources=True",
                 "--VoilaConfiguration.show_tracebacks=False"):
        assert opsi in args
    assert not any("http_header_envs" in a for a in args)  # the hub passes no cookies on


def test_app_option_passes_the_cookie_header_without_a_deprecation_warning():
    import warnings

    from voila.app import Voila

    from sinovda.cli.voila_setelan import ARGUMEN_APP

    v = Voila()
    with warnings.catch_warnings(record=True) as peringatan:
        warnings.simplefilter("always")
        v.parse_command_line(list(ARGUMEN_APP))
    assert v.config.VoilaConfiguration.http_header_envs == ["Cookie"]
    assert not [w for w in peringatan if issubclass(w.category, DeprecationWarning)]


def test_template_folder_is_put_first_on_jupyter_path_once():
    env = lingkungan_voila({"JUPYTER_PATH": "/a"})
    assert env["JUPYTER_PATH"].split(os.pathsep) == [str(MODUL_TEMPLAT), "/a"]
    assert lingkungan_voila(env)["JUPYTER_PATH"] == env["JUPYTER_PATH"]


def test_template_serves_nothing_from_the_internet():
    teks = (MODUL_TEMPLAT / "voila" / "templates" / "sinovda" / "index.html.j2").read_text()
    assert "extends 'voila/templates/lab/index.html.j2'" in teks
    # the CDN links of the lab template are removed, none added
    assert teks.count("cdn.jsdelivr.net") == 2 and "replace('<link" in teks


def _templat(tmp_path, teks: str) -> jinja2.Environment:
    (tmp_path / "halaman.j2").write_text(teks)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)), autoescape=True)
    env.bytecode_cache = CACHE_TEMPLAT
    return env


def test_a_template_is_compiled_once_per_process_and_renders_the_same(tmp_path, monkeypatch):
    CACHE_TEMPLAT.clear()
    kompilasi = []
    asli = jinja2.Environment._compile
    monkeypatch.setattr(jinja2.Environment, "_compile",
                        lambda self, *a: kompilasi.append(a) or asli(self, *a))
    polos = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)), autoescape=True)
    teks = "<h1>{{ judul }}</h1>{% for m in modul %}<li>{{ m|upper }}</li>{% endfor %}"
    halaman = [_templat(tmp_path, teks).get_template("halaman.j2").render(
        judul="Peta <kursus>", modul=["masalah", "inovasi"]) for _ in range(3)]
    assert len(kompilasi) == 1  # three environments (three pages), one compilation
    assert halaman == [polos.get_template("halaman.j2").render(
        judul="Peta <kursus>", modul=["masalah", "inovasi"])] * 3
    assert halaman[0] == "<h1>Peta &lt;kursus&gt;</h1><li>MASALAH</li><li>INOVASI</li>"
    # a changed template is compiled again, never served stale
    baru = _templat(tmp_path, "<h2>{{ judul }}</h2>").get_template("halaman.j2")
    assert baru.render(judul="Capaian") == "<h2>Capaian</h2>" and len(kompilasi) == 3


def test_async_and_sync_environments_do_not_share_code(tmp_path):
    CACHE_TEMPLAT.clear()
    (tmp_path / "a.j2").write_text("{{ x }}")
    for asinkron in (False, True):
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)),
                                 enable_async=asinkron)
        env.bytecode_cache = CACHE_TEMPLAT
        t = env.get_template("a.j2")
        hasil = asyncio.run(t.render_async(x=1)) if asinkron else t.render(x=1)
        assert hasil == "1"
    assert len(CACHE_TEMPLAT) == 2


def test_voila_pages_use_the_shared_cache(monkeypatch):
    from voila import notebook_renderer
    from voila.exporter import VoilaExporter

    monkeypatch.setattr(notebook_renderer, "VoilaExporter", VoilaExporter)
    pasang_cache_templat()
    pasang_cache_templat()  # idempotent: one subclass, not a chain
    kelas = notebook_renderer.VoilaExporter
    assert kelas is not VoilaExporter and kelas.__mro__[1] is VoilaExporter
    env = kelas(template_paths=[], template_name="lab").environment
    assert env.bytecode_cache is CACHE_TEMPLAT and env.is_async


def test_debug_records_are_not_built_below_the_apps_level():
    class App:
        log_level = logging.WARNING
        log = logging.getLogger("sinovda-uji-tingkat")

    App.log.setLevel(logging.DEBUG)  # as traitlets leaves it
    log_sesuai_tingkat(App)
    assert not App.log.isEnabledFor(logging.INFO) and App.log.isEnabledFor(logging.WARNING)
    App.log_level = logging.DEBUG  # --debug
    App.log.setLevel(logging.DEBUG)
    log_sesuai_tingkat(App)
    assert App.log.isEnabledFor(logging.DEBUG)


def test_message_timestamps_read_fast_are_the_same_instants():
    from dateutil.parser import isoparse
    from jupyter_client import jsonutil
    from jupyter_client.session import Session

    pasang_tanggal_cepat()
    pasang_tanggal_cepat()
    assert jsonutil._dateutil_parse is baca_tanggal
    for teks in ("2026-11-29T04:49:16.123456Z", "2026-11-29T04:49:16.12Z",
                 "2026-11-29T04:49:16Z", "2026-11-29T11:49:16.123+07:00"):
        cepat, lama = jsonutil.parse_date(teks), isoparse(teks)
        assert cepat == lama and cepat.utcoffset() == lama.utcoffset()
        assert cepat.isoformat() == lama.isoformat()
    assert jsonutil.parse_date("bukan tanggal") == "bukan tanggal"
    # a kernel message through jupyter_client's own session: its header date is a datetime
    sesi = Session(key=b"kunci")
    _, bingkai = sesi.feed_identities(sesi.serialize(sesi.msg("status",
                                                              {"execution_state": "idle"})))
    pesan = sesi.deserialize(bingkai)
    assert pesan["header"]["date"].tzinfo is not None
    assert pesan["content"] == {"execution_state": "idle"}
