# JupyterHub configuration for one sinovda class (used by `sinovda hub --kelas DIR`).
#
# Start it with the command, not by hand:  sinovda hub --kelas DIR [--port 8000] [--ip 127.0.0.1]
# The command sets the SINOVDA_HUB_* variables below, creates one system user per account
# (when run as root), locks the class DB to root, and then runs `jupyterhub -f` on this file.
#
#   SINOVDA_HUB_KELAS          class folder (holds sinovda.db: roster, answers, passcode hashes)
#   SINOVDA_HUB_IP / _PORT     where participants connect (proxy), default 127.0.0.1:8000
#   SINOVDA_HUB_DATA           hub state (jupyterhub.sqlite, cookie secret), default <kelas>/hub
#   SINOVDA_HUB_RUMAH          parent folder of the per-account system users' homes (default /home)
#   SINOVDA_HUB_PORT_HUB / _PORT_API / _PORT_LAYANAN   internal ports (free ports when empty)
#
# What it sets up (details in sinovda/hub/konfigurasi.py and docs/panduan_fasilitator.md):
#   - SinovdaAuthenticator: log in with NIP (facilitators: their short name) + personal passcode;
#     passcodes are stored only as salted scrypt hashes; facilitators are hub admins.
#   - SinovdaSpawner: each account's Jupyter server runs as its own system user (snv<nip>),
#     starting in the Voila view of module 00 (facilitators: the dashboard).
#   - the `sinovda-store` service: the only process that opens the class DB; a participant's
#     token may read and change only that participant's answers.
# To customise (e.g. idle culling, HTTPS), add settings after the `terapkan(c)` line.

from sinovda.hub.konfigurasi import terapkan

c = get_config()  # noqa: F821 (provided by JupyterHub)
terapkan(c)
