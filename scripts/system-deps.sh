#!/usr/bin/env bash
# Make sure the Debian/Ubuntu packages JD Builder needs are present.
#   scripts/system-deps.sh            what `make run` needs: Pango for WeasyPrint, Cairo, Node.js + npm
#   scripts/system-deps.sh --test     also what the tests use: Chromium, poppler-utils, LibreOffice,
#                                     xmlsec1 (the test SAML identity provider signs with it)
# Missing packages are installed when running as root. Otherwise the exact command is printed;
# a missing runtime package stops the build, a missing test tool only warns (its tests are
# skipped with a banner, and CI, which runs as root, installs it).
set -euo pipefail

need=()
optional=()
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_cmd() { command -v "$1" >/dev/null 2>&1; }

have_lib 'libpango-1.0.so.0' || need+=(libpango-1.0-0)
have_lib 'libpangoft2-1.0.so.0' || need+=(libpangoft2-1.0-0)
have_lib 'libharfbuzz-subset.so.0' || need+=(libharfbuzz-subset0)
# CairoSVG draws an SVG logo's PNG copy (for Word, which cannot take SVG) with Cairo.
have_lib 'libcairo.so.2' || need+=(libcairo2)
have_cmd npm || need+=(nodejs npm)
if ! "${PYTHON:-python3}" -c 'import ensurepip, venv' >/dev/null 2>&1; then
  need+=(python3-venv)
fi
if [[ "${1:-}" == "--test" ]]; then
  [[ -x "${JDBUILDER_CHROMIUM:-/usr/bin/chromium}" ]] || optional+=(chromium)
  have_cmd pdftoppm || optional+=(poppler-utils)
  # The Word export is opened and converted to PDF by LibreOffice in its read-back tests.
  have_cmd soffice || optional+=(libreoffice-writer-nogui)
  # Liberation Sans has Arial's metrics: the Word export's font, as LibreOffice lays it out.
  fc-list 2>/dev/null | grep -q 'Liberation Sans' || optional+=(fonts-liberation2)
  # The test SAML identity provider (pysaml2, tests/idp_saml) signs its responses with xmlsec1.
  have_cmd xmlsec1 || optional+=(xmlsec1)
fi

all=("${need[@]}" "${optional[@]}")
[[ ${#all[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -eq 0 ]] && have_cmd apt-get; then
  echo "Installing system packages: ${all[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${all[@]}" >/dev/null
  exit 0
fi

echo "JD Builder needs these Debian/Ubuntu packages, which are missing:" >&2
echo "    sudo apt-get install -y --no-install-recommends ${all[*]}" >&2
if [[ ${#need[@]} -gt 0 ]]; then
  echo "Install them, then run make again." >&2
  exit 1
fi
echo "Continuing without them: the tests that need them will be skipped." >&2
