"""Fingerprints of a report's inputs, so a re-run skips reports whose inputs did not change."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path
from typing import Any

from sinovda import paths
from sinovda.data.content import BERKAS_KUNCI_TES

# Code whose change alters a report's content: the template and the layers it calls (the view
# interprets every answer; tests/test_report_sidik.py checks this list against the imports).
_FOLDER_KODE = ("report", "view", "domain", "charts", "data")


def sidik_dasar(templat: Path, modul_dir: Path | None = None) -> str:
    """Fingerprint of what every report shares: template, ``modul/`` settings, report code."""
    h = hashlib.sha256()
    berkas: list[Path] = [Path(templat)]
    modul = Path(modul_dir or paths.MODUL_DIR)
    if modul.is_dir():  # not the test key: reports show stored scores, and under the hub the
        # key file is readable by the store service only (content.lindungi_kunci)
        berkas += sorted(p for p in modul.rglob("*")
                         if p.is_file() and p.name != BERKAS_KUNCI_TES)
    kode = Path(__file__).resolve().parents[1]
    for folder in _FOLDER_KODE:
        berkas += sorted((kode / folder).glob("*.py"))
    for p in berkas:
        h.update(str(p.name).encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def sidik_peserta(dasar: str, peserta: Any, jawaban: dict[str, Any], kelas: dict[str, Any]) -> str:
    """Fingerprint of one participant's report inputs (identity, every answer, class info)."""
    identitas = (dataclasses.asdict(peserta)
                 if dataclasses.is_dataclass(peserta) and not isinstance(peserta, type)
                 else peserta)
    isi = json.dumps(
        {"dasar": dasar, "peserta": identitas, "jawaban": jawaban, "kelas": kelas},
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(isi.encode("utf-8")).hexdigest()


def sidik_tersimpan(folder: Path) -> str | None:
    """The fingerprint stored beside a finished report, or None (missing or unreadable)."""
    try:
        return json.loads((Path(folder) / ".sidik").read_text(encoding="utf-8"))["sidik"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
