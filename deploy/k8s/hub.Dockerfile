# syntax=docker/dockerfile:1
# Hub image: Zero to JupyterHub's hub image plus sinovda (SinovdaAuthenticator reads the class's
# accounts; the login page template). Built from the repo root:
#   docker build -f deploy/k8s/hub.Dockerfile -t REGISTRY/sinovda/hub:0.1.0 .
# Match the tag to the Helm chart version you install (z2jh 4.x runs JupyterHub 5).
# NOT BUILT OR RUN in sinovda's CI (no container runtime there): see docs/panduan_fasilitator.md.

FROM python:3.12-slim-bookworm AS roda
COPY . /src
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /dist /src

FROM quay.io/jupyterhub/k8s-hub:4.2.0
USER root
COPY --from=roda /dist /tmp/dist
# [pg]: the authenticator reads accounts and memberships from the PostgreSQL database
RUN pip install --no-cache-dir "$(ls /tmp/dist/sinovda-*.whl)[hub,pg]" && rm -rf /tmp/dist
USER 1000
