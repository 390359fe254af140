"""Entry point of a participant's server under ``sinovda hub``: JupyterHub's single-user server
without the hub's own database code (issue 9: memory per participant).

``python -P -m sinovda.hub.server_peserta [options]`` runs exactly what
``jupyterhub-singleuser`` runs (``jupyterhub.singleuser.main``: jupyter_server with the
``jupyterhub.singleuser`` extension: the hub's OAuth login, activity reports to the hub, the
hub's API token and scopes), with our participant configuration (``deploy/peserta``) as before.
What changes is only what is imported:

- **The hub's database layer stays out.** ``jupyterhub.singleuser`` reaches the hub's ORM by
  module-level imports it never uses in a single-user server: ``jupyterhub.log`` (for
  ``log_request``) imports the hub's page handlers (``jupyterhub.handlers``: ``orm``, users,
  spawners, crypto) and its Prometheus metrics (``jupyterhub.metrics``: ``orm``);
  ``jupyterhub.services.auth`` imports ``jupyterhub.scopes``, whose module imports ``orm``,
  ``roles`` and ``sqlalchemy`` for the hub-side functions only (``_intersect_expanded_scopes``,
  which the single-user server calls, touches the database only when given one);
  ``jupyterhub.utils`` imports ``sqlalchemy.exc`` for a decorator of the hub. Together ~35 MB
  (PSS) of SQLAlchemy, alembic, the ORM and the hub's handlers per server, and ~0.25 CPU-s at
  each start. While ``jupyterhub.singleuser`` is imported (and only then), ``DIJAGA`` puts
  guard modules in ``sys.modules`` for these names: each offers the few names those imports take (a
  ``HealthCheckHandler`` class no handler of this server is an instance of; a
  ``prometheus_log_method`` recording each request in jupyter_server's own metric rather than
  the hub's; an ``SQLAlchemyError`` no code of this process can raise) and raises
  ``AksesDijaga`` for any other name. The guards are then removed from ``sys.modules``: a
  later ``import sqlalchemy`` gets the real one.
- **Fails loudly, not silently.** If a JupyterHub version takes another name from a guarded
  module at import, the import stops (``ImportError`` naming the name and the module), and the
  server starts with JupyterHub's ordinary imports after a warning in its log (the hub's log)
  saying so and where to look: more memory, same behaviour. A guarded name used at run time
  raises ``AksesDijaga`` with the same explanation. ``tests/test_hub_server_peserta.py`` checks on a
  real hub that the participant's server runs without SQLAlchemy and still logs in through the
  hub and reports activity.
- **No IRI grammar.** jsonschema imports ``rfc3987_syntax`` when installed, which builds a Lark
  grammar at import (~0.9 CPU-s, ~16 MB per server) only to check the ``iri`` and
  ``iri-reference`` formats; no schema this server validates (jupyter_server's event schemas,
  jupyter_events' metaschemas, the notebook format) uses them. ``rfc3987_syntax`` is marked
  absent, as ``sinovda.report.pekerja`` does for its workers; jsonschema then leaves those two
  formats unchecked.

Measured (``benchmarks/ruang_hasil.md`` run 5b): importing the server's entry point 1.45 -> 0.32
CPU-s; one idle participant's server after its first page ~136 -> ~88 MB PSS.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

PETUNJUK = (
    "JupyterHub versi ini memakainya di server single-user; server peserta dijalankan dengan "
    "impor JupyterHub biasa (lebih banyak memori). Laporkan di sinovda: "
    "sinovda/hub/server_peserta.py (DIJAGA)"
)


class AksesDijaga(AttributeError):
    """A name of a guarded module was asked for (see the module docstring)."""


class ModulDijaga(types.ModuleType):
    """A stand-in for a module the participant's server does not load: only the names given."""

    def __init__(self, nama: str, isi: dict[str, Any], paket: bool = False) -> None:
        super().__init__(nama, f"Pengganti {nama} di server peserta (sinovda.hub.server_peserta)")
        self.__dict__.update(isi)
        if paket:
            self.__path__: list[str] = []

    def __getattr__(self, nama: str) -> Any:
        if nama.startswith("__"):  # import machinery and tools probing __file__ etc.
            raise AttributeError(nama)
        raise AksesDijaga(f"{self.__name__}.{nama} tidak dimuat di server peserta. {PETUNJUK}")


class HealthCheckHandler:
    """In place of the hub's ``jupyterhub.handlers.pages.HealthCheckHandler``, which only the
    hub serves: ``jupyterhub.log.log_request`` asks whether a handler is one (never here)."""


def prometheus_log_method(handler: Any) -> None:
    """In place of ``jupyterhub.metrics.prometheus_log_method``: the request is recorded in
    jupyter_server's own metric (``http_request_duration_seconds``, what a Jupyter server
    records when JupyterHub does not replace its log function) instead of the hub's
    ``jupyterhub_request_duration_seconds``."""
    from jupyter_server.prometheus.log_functions import prometheus_log_method as catat

    catat(handler)


class SQLAlchemyError(Exception):
    """In place of ``sqlalchemy.exc.SQLAlchemyError`` (caught by a decorator of the hub's
    database code; never raised in a process without SQLAlchemy)."""


# module -> (names its importers in jupyterhub.singleuser take, is a package)
DIJAGA: dict[str, tuple[dict[str, Any], bool]] = {
    "jupyterhub.handlers": ({}, True),
    "jupyterhub.handlers.pages": ({"HealthCheckHandler": HealthCheckHandler}, False),
    "jupyterhub.metrics": ({"prometheus_log_method": prometheus_log_method}, False),
    "jupyterhub.orm": ({}, False),
    "jupyterhub.roles": ({}, False),
    "sqlalchemy": ({}, True),
    "sqlalchemy.exc": ({"SQLAlchemyError": SQLAlchemyError}, False),
}
# what stays out of the process thanks to the guards (checked after the import)
TIDAK_DIMUAT = ("sqlalchemy", "alembic", "jupyterhub.orm", "jupyterhub.handlers")
TANPA_TATA_BAHASA = "rfc3987_syntax"


@contextmanager
def dijaga(daftar: dict[str, tuple[dict[str, Any], bool]] = DIJAGA) -> Iterator[None]:
    """Guard modules in ``sys.modules`` for the duration of the block (none replaces a module
    already imported); removed afterwards, even when the block fails."""
    dipasang = []
    for nama, (isi, paket) in daftar.items():
        if nama not in sys.modules:
            sys.modules[nama] = ModulDijaga(nama, isi, paket)
            dipasang.append(nama)
    try:
        yield
    finally:
        for nama in dipasang:
            if isinstance(sys.modules.get(nama), ModulDijaga):
                del sys.modules[nama]


def _buang_jupyterhub() -> None:
    """Forget every ``jupyterhub`` module imported so far (a failed guarded import)."""
    for nama in [n for n in sys.modules if n == "jupyterhub" or n.startswith("jupyterhub.")]:
        del sys.modules[nama]


def muat_main(tulis: Callable[[str], object] = sys.stderr.write) -> tuple[Callable[[], Any], bool]:
    """``jupyterhub.singleuser.main`` imported under the guards; ``(main, True)``. When this
    JupyterHub needs a guarded name at import: a warning through ``tulis`` and ``main`` of
    JupyterHub's ordinary import, ``(main, False)``."""
    sys.modules.setdefault(TANPA_TATA_BAHASA, None)  # type: ignore[arg-type]
    try:
        with dijaga():
            from jupyterhub.singleuser import main
    except (AksesDijaga, ImportError) as e:
        _buang_jupyterhub()
        pesan = str(e) if isinstance(e, AksesDijaga) else f"{e}: {PETUNJUK}"
        tulis(f"[W sinovda.hub.server_peserta] {pesan}\n")
        from jupyterhub.singleuser import main

        return main, False
    return main, True


def laporan_impor() -> str:
    """One log line: which of the hub's database modules this process holds (none expected)."""
    dimuat = [n for n in TIDAK_DIMUAT if n in sys.modules]
    if dimuat:
        return f"[W sinovda.hub.server_peserta] server peserta memuat {', '.join(dimuat)}\n"
    return (f"[I sinovda.hub.server_peserta] server peserta tanpa {', '.join(TIDAK_DIMUAT)} "
            f"dan tanpa {TANPA_TATA_BAHASA}\n")


def main() -> Any:
    """Run the participant's server (the arguments of ``jupyterhub-singleuser``)."""
    jalankan, _ringan = muat_main()
    sys.stderr.write(laporan_impor())
    return jalankan()


if __name__ == "__main__":
    sys.exit(main())
