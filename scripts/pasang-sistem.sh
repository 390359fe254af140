#!/usr/bin/env bash
# Install the system packages the tests need, only where missing: Debian's chromium (browser tests),
# poppler-utils (pdftoppm/pdftotext for PDF checks), fonts for WeasyPrint, postgresql (the store
# tests on PostgreSQL), and
# configurable-http-proxy from the npm registry (JupyterHub). CI runs as root; elsewhere, sudo.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
fc-list 2>/dev/null | grep -qi "dejavu" || need+=(fonts-dejavu-core)
# PostgreSQL server binaries (the store tests start their own cluster in a temporary folder)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "pasang-sistem: memasang ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
if [ ! -x node_modules/.bin/configurable-http-proxy ]; then
  if command -v npm >/dev/null 2>&1; then
    echo "pasang-sistem: memasang configurable-http-proxy (npm)"
    npm install --silent --no-audit --no-fund --prefix . configurable-http-proxy@4 >/dev/null
  else
    echo "pasang-sistem: npm tidak ada; configurable-http-proxy (JupyterHub) tidak dipasang" >&2
  fi
fi
