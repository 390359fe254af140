"""The example IKU table: the seed-003 rows load; a broken file is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from sinovda.data.iku import KOLOM_IKU, load_iku
from sinovda.domain.errors import BerkasTidakValid


def test_the_seed_003_rows_are_offered():
    rows = load_iku()
    names = [r["Indikator Kinerja Utama"] for r in rows]
    assert "Indeks kepuasan masyarakat" in names
    assert "Persentase layanan online" in names
    assert all(r[k] for r in rows for k in KOLOM_IKU)


def test_a_missing_file_offers_nothing(tmp_path: Path):
    assert load_iku(tmp_path / "tidak-ada.csv") == []


def test_a_file_without_the_iku_columns_is_named(tmp_path: Path):
    berkas = tmp_path / "iku.csv"
    berkas.write_text("Sasaran,Indikator\nA,B\n", encoding="utf-8")
    with pytest.raises(BerkasTidakValid, match=r"iku.csv: kolom 'Sasaran Strategis OPD'"):
        load_iku(berkas)
