# syntax=docker/dockerfile:1
# Store service image (`sinovda-store`): the only process that opens the class database.
# It runs as a container beside the hub (values.yaml: hub.extraContainers), both mounting the
# class volume, so today's SQLite file is opened on one node only. Built from the repo root:
#   docker build -f deploy/k8s/layanan.Dockerfile -t REGISTRY/sinovda/layanan:0.1.0 .
# NOT BUILT OR RUN in sinovda's CI (no container runtime there): see docs/panduan_fasilitator.md.

FROM python:3.11-slim-bookworm AS roda
COPY . /src
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /dist /src

FROM python:3.11-slim-bookworm
# Pango and fonts for WeasyPrint: `sinovda kode-akses --pdf` and reports run here by kubectl exec
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
COPY --from=roda /dist /tmp/dist
# [hub]: jupyterhub's HubAuth resolves the callers' tokens
RUN pip install --no-cache-dir "$(ls /tmp/dist/sinovda-*.whl)[hub]" && rm -rf /tmp/dist
# the class volume is mounted at /srv/sinovda/data; the class folder is data/kelas in it
RUN useradd --create-home --uid 1000 --gid 100 jovyan && mkdir -p /srv/sinovda/data \
 && chown 1000:100 /srv/sinovda/data
USER 1000
WORKDIR /srv/sinovda
ENV PYTHONUNBUFFERED=1 MPLBACKEND=Agg
EXPOSE 10101
# JUPYTERHUB_SERVICE_URL (listen address), _SERVICE_PREFIX, _API_URL, _API_TOKEN: from values.yaml
CMD ["python", "-m", "sinovda.hub.layanan", "--kelas", "/srv/sinovda/data/kelas"]
