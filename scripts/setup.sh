#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks to run and test the application:
# Qt's runtime libraries, a virtual screen, PDF tools and CJK fonts (apt), then the Python packages
# into .venv. Safe to run again; it only installs what is missing, so a user without root or sudo
# can run it once an administrator has installed the system packages.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  python3-venv xvfb xauth poppler-utils fontconfig
  fonts-wqy-microhei fonts-arphic-uming fonts-arphic-ukai
  libegl1 libgl1 libopengl0 libglib2.0-0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6
  libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0
  libxcb-render-util0 libxcb-xinerama0 libxcb-image0 libxcb-xkb1 libxcb-xfixes0 libx11-xcb1
)

# COUNTY_OFFICE_WITH_POSTGRESQL=1 (set by .ci/run): also the PostgreSQL server, for the tests that run on it
# (scripts/pg_test_server.sh); an office PC that works on a server needs no server package itself
if [ -n "${COUNTY_OFFICE_WITH_POSTGRESQL:-}" ]; then
  APT_PACKAGES+=(postgresql)
fi

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  # root installs directly; another user through sudo only when sudo exists and may be used;
  # otherwise say what is missing and carry on (the Python part may still work, e.g. on a managed PC)
  SUDO=""
  can_install=1
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && { sudo -n true 2>/dev/null || [ -t 0 ]; }; then
      SUDO="sudo"
    else
      can_install=0
    fi
  fi
  if [ "$can_install" -eq 1 ]; then
    echo "Installing system packages: ${missing[*]}"
    $SUDO apt-get update -q
    # python3-venv may be absent on a Python not from Debian; install what exists
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" \
      || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends \
           $(printf '%s\n' "${missing[@]}" | grep -v '^python3-venv$')
  else
    echo "WARNING: missing system packages (ask an administrator to install them):" >&2
    echo "  apt-get install ${missing[*]}" >&2
  fi
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
# WHEELS=folder: offline installation from wheels made by `pip download` (see README)
if [ -n "${WHEELS:-}" ]; then
  .venv/bin/python -m pip install -q --no-index --find-links "$WHEELS" -e ".[test]"
else
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
  .venv/bin/python -m pip install -q -e ".[test]"
fi
