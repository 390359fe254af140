"""The example IKU table (seed 003 columns) that module 03 offers to link indicators to."""

from __future__ import annotations

import csv
from pathlib import Path

from sinovda import paths
from sinovda.domain.errors import BerkasTidakValid

BERKAS_IKU = "iku_contoh.csv"
KOLOM_IKU = ("Sasaran Strategis OPD", "Indikator Kinerja Utama", "Target Tahunan", "Sumber Data",
             "Penanggung Jawab")


def load_iku(path: Path | None = None) -> list[dict[str, str]]:
    """The rows of ``datasets/iku_contoh.csv``; an empty list when the file is absent.

    A file without the seed-003 columns is BerkasTidakValid naming the file and the column.
    """
    berkas = Path(path) if path is not None else paths.DATASETS_DIR / BERKAS_IKU
    try:
        with berkas.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            kurang = [k for k in KOLOM_IKU if k not in (reader.fieldnames or [])]
            if kurang:
                raise BerkasTidakValid(f"{berkas}: kolom '{kurang[0]}' tidak ada")
            return [dict(r) for r in reader]
    except FileNotFoundError:
        return []
    except UnicodeDecodeError:
        raise BerkasTidakValid(f"{berkas}: bukan teks UTF-8") from None
