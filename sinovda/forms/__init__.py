"""sinovda.forms: the course modules as forms that save every change to the store.

Toolkit: ``widgets`` (bound inputs, row lists, records; API in its docstring), ``kolom`` (field
kinds and parsing), ``panel`` (live feedback panes, HTML helpers), ``halaman`` (page helpers),
``konteks`` (active workspace and participant). Modules: ``pengantar`` (00), ``masalah`` (01),
``inovasi`` (02), ``indikator`` (03), ``monev`` (04), ``replikasi`` (05), ``penutup`` (06).
"""
