"""The view layer: a participant's stored answers turned into what people see.

Pure and widget-free. Each module takes stored answers (``{modul: {field: value}}``) plus the
settings (``sinovda.domain.pengaturan``) and returns the rows, numbers, notes and chart data that
the forms, the report, the recap and the facilitator dashboard show. Nothing above this layer
interprets stored answers itself, so the screen and the PDF cannot disagree.

May import ``sinovda.domain`` and ``sinovda.data`` only (checked by tests/test_layers.py).
"""
