"""The lean report document: an executed notebook's outputs -> print-ready HTML -> PDF.

No code, prompts or stream text reach the document: only rich outputs of code cells
(``text/html`` built by ``sinovda.report``, images). The same HTML is saved as
``laporan.html`` and rendered by WeasyPrint to ``laporan.pdf`` (A4, page numbers).
"""

from __future__ import annotations

import datetime as dt
import functools
import html
from collections.abc import Iterable
from typing import Any

import jinja2

CSS = """
@page { size: A4; margin: 16mm 15mm 18mm 15mm;
  @bottom-left { content: string(peserta); font-size: 8pt; color: #555; }
  @bottom-right { content: "Halaman " counter(page) " dari " counter(pages);
                  font-size: 8pt; color: #555; } }
html { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 9.5pt; color: #1a1a1a; }
body { max-width: 190mm; margin: 0 auto; line-height: 1.35; }
h1 { font-size: 16pt; color: #0b4f6c; margin: 0 0 2mm; }
h1 .peserta { string-set: peserta content(); }
h2 { font-size: 12pt; color: #0b4f6c; border-bottom: 1.5px solid #0b4f6c;
     padding-bottom: 1mm; margin: 5mm 0 2mm; break-after: avoid; }
h3 { font-size: 10.5pt; margin: 3mm 0 1mm; break-after: avoid; }
p.sub { color: #555; margin: 0 0 3mm; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm; table-layout: auto; }
th, td { border: 0.5pt solid #9aa; padding: 1mm 1.5mm; text-align: left; vertical-align: top;
         overflow-wrap: break-word; hyphens: manual; }
thead th { background: #e4eef2; font-size: 8.5pt; overflow-wrap: normal; word-break: keep-all; }
table.isian th { width: 32%; background: #f2f6f8; font-weight: normal; color: #333; }
tr { break-inside: avoid; }
img.grafik { max-width: 100%; max-height: 95mm; display: block; margin: 2mm auto; }
.kosong { color: #777; font-style: italic; }
.lencana { display: inline-block; padding: 0.2mm 2mm; border-radius: 2mm;
           border: 1.2pt solid #667; color: #334; background: #fff; font-weight: bold; }
.catatan { color: #444; font-size: 8.5pt; }
.ok { color: #1b7a2e; } .gagal { color: #a4262c; }
.angka-besar { font-size: 14pt; font-weight: bold; }
section.bagian { break-inside: auto; }
section#pengesahan { break-inside: avoid; }
table.pengesahan { table-layout: fixed; margin-top: 4mm; }
table.pengesahan td.ttd { border: none; text-align: center; padding: 0 3mm; }
.ruang-ttd { height: 22mm; }
.nama-ttd { font-weight: bold; text-decoration: underline; }
p.dicetak { color: #555; font-size: 8.5pt; margin: 0 0 3mm; }
"""

TEMPLAT = """<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ judul }}</title>
<style>{{ css | safe }}</style>
</head>
<body>
<header>
<h1>Laporan Peserta: <span class="peserta">{{ peserta }}</span></h1>
{% if sub %}<p class="sub">{{ sub }}</p>{% endif %}
{% if dicetak %}<p class="dicetak">Dicetak {{ dicetak }}</p>{% endif %}
</header>
<main>
{% for blok in blok_html %}{{ blok | safe }}
{% endfor %}
</main>
</body>
</html>
"""


@functools.cache
def _templat() -> jinja2.Template:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    return env.from_string(TEMPLAT)


def blok_keluaran(nb: Any) -> list[str]:
    """The HTML blocks of a notebook's code-cell outputs, in order (no code, no streams)."""
    blok: list[str] = []
    for cell in nb.cells:
        if cell.get("cell_type") != "code":
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") not in ("display_data", "execute_result"):
                continue
            data = out.get("data", {})
            if "text/html" in data:
                blok.append(_teks(data["text/html"]))
            elif "image/png" in data:
                png = _teks(data["image/png"]).replace("\n", "")
                blok.append(f'<img class="grafik" alt="grafik" src="data:image/png;base64,{png}">')
            elif "image/svg+xml" in data:
                blok.append(_teks(data["image/svg+xml"]))
            elif "text/plain" in data:
                blok.append(f"<pre>{html.escape(_teks(data['text/plain']))}</pre>")
    return blok


def _teks(nilai: str | list[str]) -> str:
    return nilai if isinstance(nilai, str) else "".join(nilai)


def susun_html(blok_html: Iterable[str], peserta: str, sub: str = "",
               dicetak: dt.date | None = None) -> str:
    """The whole report page; ``peserta`` and ``sub`` are escaped, blocks are trusted HTML.

    ``dicetak``: the print date shown under the title (default: today), in Indonesian.
    """
    from sinovda.report.pengesahan import tanggal_indonesia

    return _templat().render(
        judul=f"Laporan Peserta: {peserta}",
        peserta=peserta,
        sub=sub,
        dicetak=tanggal_indonesia(dicetak or dt.date.today()),
        css=CSS,
        blok_html=list(blok_html),
    )


_TAG_CSS = f"<style>{CSS}</style>"


@functools.cache
def _weasy() -> tuple[Any, Any, Any]:
    """One font configuration, URL fetcher and parsed report stylesheet per process."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    fonts = FontConfiguration()
    return fonts, URLFetcher(allowed_protocols={"data"}), weasyprint.CSS(string=CSS,
                                                                         font_config=fonts)


def pdf_dari_html(teks_html: str) -> bytes:
    """Render the report HTML to PDF bytes with WeasyPrint (no LaTeX, no browser).

    Only embedded ``data:`` resources are loaded: a report never reaches the network or disk.
    """
    import weasyprint

    fonts, fetcher, css = _weasy()
    lembar: list[Any] = []
    if _TAG_CSS in teks_html:  # our own page: its stylesheet is parsed once per process
        teks_html, lembar = teks_html.replace(_TAG_CSS, "", 1), [css]
    return weasyprint.HTML(string=teks_html, base_url=None, url_fetcher=fetcher).write_pdf(
        font_config=fonts, stylesheets=lembar
    )
