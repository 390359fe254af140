# syntax=docker/dockerfile:1
# Single-user image: the Jupyter server of every hub account (participants: Voila only;
# facilitators: JupyterLab, dashboard, Admin Kelas, reports). Built from the repo root:
#   docker build -f deploy/k8s/singleuser.Dockerfile -t REGISTRY/sinovda/singleuser:0.1.0 .
# NOT BUILT OR RUN in sinovda's CI (no container runtime there): see docs/panduan_fasilitator.md.

# -- stage 1: the wheel (modul/, notebooks/, datasets/, deploy/ ride inside it) --
FROM python:3.11-slim-bookworm AS roda
COPY . /src
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /dist /src

# -- stage 2: the server --
FROM python:3.11-slim-bookworm
# Pango and fonts for WeasyPrint (PDF reports, certificates, passcode slips)
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
COPY --from=roda /dist /tmp/dist
# Installed as root into /usr/local: the accounts (uid 1000) cannot change sinovda or the
# participants' server configuration. The [hub] extra brings jupyterhub-singleuser.
RUN pip install --no-cache-dir "$(ls /tmp/dist/sinovda-*.whl)[hub]" && rm -rf /tmp/dist
# Fixed paths the Helm values name (values.yaml): the course notebooks, the Voila template,
# the participants' Jupyter configuration (read-only, root-owned).
RUN python - <<'PY'
import os
from pathlib import Path

from sinovda import paths
from sinovda.cli.voila_setelan import MODUL_TEMPLAT

srv = Path("/srv/sinovda")
srv.mkdir(parents=True)
os.symlink(paths.NOTEBOOKS_DIR, srv / "notebooks")
os.symlink(paths.DEPLOY_DIR / "peserta", srv / "peserta")
os.symlink(MODUL_TEMPLAT, srv / "jupyter")
# the answer key and the demo's simulated answers are for the store service only
(paths.MODUL_DIR / "kunci_tes.yaml").chmod(0o600)
(paths.DATASETS_DIR / "demo" / "workbooks").chmod(0o700)
PY
ENV JUPYTER_PATH=/srv/sinovda/jupyter \
    PYTHONNOUSERSITE=1 \
    MPLBACKEND=Agg
RUN useradd --create-home --uid 1000 --gid 100 jovyan
USER 1000
WORKDIR /home/jovyan
EXPOSE 8888
# JupyterHub's single-user server, lighter (sinovda/hub/server_peserta.py)
CMD ["python", "-P", "-m", "sinovda.hub.server_peserta"]
