#!/usr/bin/env bash
# Make sure the Debian/Ubuntu packages JD Builder needs are present.
#   scripts/system-deps.sh            what `make run` needs (Pango for WeasyPrint, Node.js + npm)
#   scripts/system-deps.sh --test     the same plus what the test suite needs
# Missing packages are installed when running as root; otherwise the exact command is printed.
set -euo pipefail

need=()
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_cmd() { command -v "$1" >/dev/null 2>&1; }

have_lib 'libpango-1.0.so.0' || need+=(libpango-1.0-0)
have_lib 'libpangoft2-1.0.so.0' || need+=(libpangoft2-1.0-0)
have_lib 'libharfbuzz-subset.so.0' || need+=(libharfbuzz-subset0)
have_cmd npm || need+=(nodejs npm)
python_bin="${PYTHON:-python3}"
if ! "$python_bin" -c 'import ensurepip, venv' >/dev/null 2>&1; then
  need+=("python3-venv")
fi
if [[ "${1:-}" == "--test" ]]; then
  have_cmd pdftoppm || need+=(poppler-utils)
fi

[[ ${#need[@]} -eq 0 ]] && exit 0

if ! have_cmd apt-get; then
  echo "JD Builder needs these system packages (Debian names): ${need[*]}" >&2
  echo "Install their equivalents with your package manager, then run make again." >&2
  exit 1
fi
if [[ $(id -u) -eq 0 ]]; then
  echo "Installing system packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}"
else
  echo "JD Builder needs these Debian/Ubuntu packages, which are missing:" >&2
  echo "    sudo apt-get install -y --no-install-recommends ${need[*]}" >&2
  echo "Run that, then run make again." >&2
  exit 1
fi
