"""The catalogue of real regional innovations (``datasets/katalog_inovasi.csv``) and look-alikes.

``mirip`` ranks catalogue entries against a participant's innovation by shared bentuk, urusan
and jenis codes and by shared words, so module 02 can show comparable real cases. pandas is
imported when the catalogue is first read, not with the module (module 02's page imports this).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sinovda import paths
from sinovda.domain import inovasi as di
from sinovda.domain.errors import BerkasTidakValid

if TYPE_CHECKING:
    import pandas as pd

KOLOM = ("nama", "daerah", "bentuk", "jenis", "urusan", "ringkasan", "dampak", "sumber")
BOBOT = {"bentuk": 3, "urusan": 3, "jenis": 1}  # points for an equal code; each shared word: 1
KATA_UMUM = frozenset(
    "yang dan untuk dengan dalam dari pada secara melalui agar atau oleh lebih serta bagi akan "
    "dapat para tidak sudah masih juga setiap sehingga antara tanpa karena bisa kami kita ini "
    "itu ada menjadi sebagai hingga sampai satu".split()
)


def _kode_sah() -> dict[str, set[str]]:
    """The enum codes of ``sinovda.domain.inovasi`` the catalogue must use."""
    return {k: set(di.ENUM[k]) for k in ("bentuk", "jenis", "urusan")}


def load_katalog(path: Path | None = None) -> pd.DataFrame:
    """Read the catalogue; a blank cell or unknown code raises BerkasTidakValid naming the row."""
    import pandas as pd

    path = Path(path) if path is not None else paths.DATASETS_DIR / "katalog_inovasi.csv"
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError:
        raise BerkasTidakValid(f"{path}: berkas katalog tidak ditemukan") from None
    except (UnicodeDecodeError, pd.errors.ParserError) as e:
        raise BerkasTidakValid(f"{path}: bukan CSV UTF-8 yang sah ({type(e).__name__})") from None
    hilang = [k for k in KOLOM if k not in df.columns]
    if hilang:
        raise BerkasTidakValid(f"{path}: kolom '{hilang[0]}' tidak ada")
    df = df[list(KOLOM)].apply(lambda s: s.str.strip())
    kode = _kode_sah()
    for i, row in df.iterrows():
        baris = f"baris {int(i) + 2}"  # header is line 1
        for k in KOLOM:
            if not row[k]:
                nama = row["nama"] or "?"
                raise BerkasTidakValid(f"{path}: {baris} ({nama}): kolom '{k}' kosong")
        for k, sah in kode.items():
            if row[k] not in sah:
                raise BerkasTidakValid(
                    f"{path}: {baris} ({row['nama']}): {k} '{row[k]}' bukan kode yang dikenal "
                    f"({', '.join(sorted(sah))})"
                )
    return df.reset_index(drop=True)


def _kata(teks: Any) -> set[str]:
    return {k for k in re.findall(r"[a-z0-9]+", str(teks or "").lower())
            if len(k) >= 4 and k not in KATA_UMUM}


def mirip(inovasi: dict[str, Any], n: int = 3, katalog: pd.DataFrame | None = None) -> pd.DataFrame:
    """The ``n`` catalogue entries most like ``inovasi`` (a module 02 answer), best first.

    Adds ``skor`` (code matches by BOBOT plus one per shared word) and ``alasan`` (in words).
    Entries sharing nothing are left out; ties keep catalogue order.
    """
    df = load_katalog() if katalog is None else katalog
    kata = _kata(" ".join(str(inovasi.get(k) or "")
                          for k in ("nama", "cara_kerja", "penerima_manfaat")))
    skor, alasan = [], []
    for _, row in df.iterrows():
        s, why = 0, []
        for k, b in BOBOT.items():
            if inovasi.get(k) and inovasi.get(k) == row[k]:
                s += b
                why.append(f"{k} sama")
        sama = sorted(kata & _kata(f"{row['nama']} {row['ringkasan']}"))
        if sama:
            s += len(sama)
            why.append("kata sama: " + ", ".join(sama))
        skor.append(s)
        alasan.append("; ".join(why))
    hasil = df.assign(skor=skor, alasan=alasan)
    hasil = hasil[hasil["skor"] > 0].sort_values("skor", ascending=False, kind="stable")
    return hasil.head(max(n, 0)).reset_index(drop=True)
