"""The Voila settings shared by ``sinovda app`` and the hub's participant servers."""

from __future__ import annotations

import os

from sinovda.cli.voila_setelan import MODUL_TEMPLAT, argumen_voila, lingkungan_voila
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


def test_template_folder_is_put_first_on_jupyter_path_once():
    env = lingkungan_voila({"JUPYTER_PATH": "/a"})
    assert env["JUPYTER_PATH"].split(os.pathsep) == [str(MODUL_TEMPLAT), "/a"]
    assert lingkungan_voila(env)["JUPYTER_PATH"] == env["JUPYTER_PATH"]


def test_template_serves_nothing_from_the_internet():
    teks = (MODUL_TEMPLAT / "voila" / "templates" / "sinovda" / "index.html.j2").read_text()
    assert "extends 'voila/templates/lab/index.html.j2'" in teks
    # the CDN links of the lab template are removed, none added
    assert teks.count("cdn.jsdelivr.net") == 2 and "replace('<link" in teks
