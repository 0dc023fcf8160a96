#!/usr/bin/env bash
# Installs Debian's chromium and chromedriver for the web console's browser tests (ConsoleBrowserIT), when
# either is missing. Without them those tests are skipped, so CI runs this first to make sure they run.
# Needs apt-get and root (or sudo). Exits non-zero if it cannot install them.
set -euo pipefail

have_browser() {
  command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1
}

report() {
  echo "browser: $(chromium --version 2>/dev/null | head -1); $(chromedriver --version 2>/dev/null | head -1)"
}

if have_browser; then
  report
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-browser: chromium or chromedriver is missing and apt-get is not available" >&2
  exit 1
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "install-browser: installing chromium needs root or sudo" >&2
    exit 1
  fi
  as_root=(sudo)
fi

echo "install-browser: installing chromium and chromium-driver"
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
if ! have_browser; then
  echo "install-browser: chromium or chromedriver is still missing after apt-get install" >&2
  exit 1
fi
report
