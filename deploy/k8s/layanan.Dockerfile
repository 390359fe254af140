# syntax=docker/dockerfile:1
# Store service image (`sinovda-store`): the only process users' servers reach the classes
# through. It runs as its own Deployment with 2 replicas (deploy/k8s/layanan.yaml) on the
# PostgreSQL database of the Secret `sinovda-db` ($SINOVDA_DB). Built from the repo root:
#   docker build -f deploy/k8s/layanan.Dockerfile -t REGISTRY/sinovda/layanan:0.1.0 .
# NOT BUILT OR RUN in sinovda's CI (no container runtime there): see docs/panduan_fasilitator.md.

FROM python:3.11-slim-bookworm AS roda
COPY . /src
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /dist /src

FROM python:3.11-slim-bookworm
# Pango and fonts for WeasyPrint: the reports and certificates Admin Kelas builds run here (kept
# in the class's database, not on this container's disk), as does `sinovda kode-akses --pdf` by
# kubectl exec (psycopg for PostgreSQL comes with the [pg] extra)
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
COPY --from=roda /dist /tmp/dist
# [hub]: jupyterhub's HubAuth resolves the callers' tokens; [pg]: psycopg for the database
RUN pip install --no-cache-dir "$(ls /tmp/dist/sinovda-*.whl)[hub,pg]" && rm -rf /tmp/dist
RUN useradd --create-home --uid 1000 --gid 100 jovyan && mkdir -p /srv/sinovda \
 && chown 1000:100 /srv/sinovda
USER 1000
WORKDIR /srv/sinovda
ENV PYTHONUNBUFFERED=1 MPLBACKEND=Agg
EXPOSE 10101
# SINOVDA_DB, JUPYTERHUB_SERVICE_URL (listen address), _SERVICE_PREFIX, _API_URL, _API_TOKEN and
# the served classes (--kelas KEY ...): from deploy/k8s/layanan.yaml
CMD ["python", "-m", "sinovda.hub.layanan", "--db"]
