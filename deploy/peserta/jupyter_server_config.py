# Jupyter server configuration of a PARTICIPANT's server under `sinovda hub`.
#
# The hub points the participant's $JUPYTER_CONFIG_DIR here (a folder owned by root that the
# participant cannot change) and ignores ~/.jupyter (Spawner.disable_user_config). What it does:
# only Voila (no JupyterLab, no terminals), no REST API that runs or writes code or files, kernel
# websocket limited to widget messages, a Content-Security-Policy. See sinovda/hub/pelindung.py.

from sinovda.hub.pelindung import terapkan_peserta

terapkan_peserta(c)  # noqa: F821 (c is provided by Jupyter)
