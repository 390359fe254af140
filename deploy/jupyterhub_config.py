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
# What it sets up (details in sinovda/hub/konfigurasi.py and docs/panduan_fasilitator.md, part 4):
#   - SinovdaAuthenticator: log in with NIP (facilitators: their short name) + personal passcode;
#     passcodes are stored only as salted scrypt hashes; wrong passcodes lock the NIP / the client
#     address for a while (modul/pengaturan.yaml `masuk:`; lift: sinovda kode-akses --buka-kunci).
#   - SinovdaSpawner: each account's Jupyter server runs as its own system user (snv<nip>),
#     starting in the Voila view of module 00 (facilitators: the dashboard). A participant's
#     server reads its config from deploy/peserta (Voila only, no code-running API, CSP);
#     ~/.jupyter is ignored for everyone.
#   - roles: participants `self`; facilitators (group `fasilitator`) see and start/stop every
#     server but cannot open a participant's server; nobody is a hub admin.
#   - the `sinovda-store` service: the only process that opens the class DB; a participant's
#     token may read and change only that participant's answers.
#   - the `idle-culler` service (jupyterhub-idle-culler): stops servers unused for
#     `server_hub.server_menganggur_menit`; kernels of closed pages are culled inside each server.
#   - SINOVDA_HUB_DOMAIN (`sinovda hub --domain`): one subdomain per user (subdomain_host);
#     SINOVDA_HUB_HTTPS (`--https`): secure cookies.
# To customise (e.g. HTTPS certificates, trusted_downstream_ips behind a reverse proxy), add
# settings after the `terapkan(c)` line.

from sinovda.hub.konfigurasi import terapkan

c = get_config()  # noqa: F821 (provided by JupyterHub)
terapkan(c)
