"""The hub's own pages (``deploy/templates``), rendered as JupyterHub renders them (its loader: our
folder first, JupyterHub's templates under the ``templates/`` prefix): the navigation bar every
participant sees after logging in (server starting, not running, home) and the home page are in
Bahasa Indonesia."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from sinovda import paths

jupyterhub_app = pytest.importorskip("jupyterhub.app")


def _render(nama: str, **lain: object) -> str:
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader

    bawaan = jupyterhub_app.JupyterHub()._template_paths_default()[0]
    kita = str(paths.ROOT / "deploy" / "templates")
    loader = ChoiceLoader([PrefixLoader({"templates": FileSystemLoader([bawaan])}, "/"),
                           FileSystemLoader([kita, bawaan])])
    env = Environment(loader=loader, autoescape=True)
    konteks = dict(
        base_url="/hub/", logout_url="/hub/logout", login_url="/hub/login", prefix="/",
        static_url=lambda *a, **k: "/hub/static/x", parsed_scopes=set(), services=[],
        xsrf="x", no_spawner_check=True, url="/user/197506171999042901/",
        user=SimpleNamespace(name="197506171999042901"), allow_named_servers=False,
        default_server=SimpleNamespace(active=True), progress_url="/p", failed=False,
        spawn_url="/s",
    )
    konteks.update(lain)
    return env.get_template(nama).render(**konteks)


def _terlihat(html: str) -> str:
    """The words on the page (scripts, the no-JavaScript notice and the hidden error dialog
    aside)."""
    html = re.sub(r"<(script|noscript)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r'<div class="modal.*', " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize("halaman", ["spawn_pending.html", "not_running.html", "home.html"])
def test_the_navigation_bar_of_a_logged_in_participant_is_indonesian(halaman: str):
    teks = _terlihat(_render(halaman))
    assert "Beranda" in teks and "Keluar" in teks, teks
    for kata in ("Home", "Logout", "Services", "Login"):
        assert not re.search(rf"\b{kata}\b", teks), (kata, teks)
    assert "Toggle dark mode" not in _render(halaman)


def test_the_hub_home_page_is_indonesian():
    teks = _terlihat(_render("home.html"))
    assert "Buka halaman saya" in teks
    assert "My Server" not in teks and "Stop" not in teks
    mati = _terlihat(_render("home.html", default_server=SimpleNamespace(active=False)))
    assert "Nyalakan halaman saya" in mati
    # no stop button: JupyterHub's script (bound to id "stop") relabels the page in English
    html = _render("home.html")
    assert 'id="stop"' not in html and 'id="start"' in html


def test_the_login_page_offers_masuk_not_login():
    teks = _terlihat(_render("login.html", user=None, authenticator_login_url="/hub/login",
                             login_service=None, username="", login_error=None))
    assert "Masuk" in teks and not re.search(r"\bLogin\b", teks)
    assert Path(paths.ROOT / "deploy" / "templates" / "page.html").is_file()
