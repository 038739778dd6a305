#!/usr/bin/env bash
# Installs the Debian packages vanban needs to build, render and test.
# Idempotent: when everything is present it only runs dpkg-query and exits.
set -euo pipefail

PKGS=(
  build-essential cmake pkg-config clang libclang-rt-14-dev clang-format
  libxml2-dev libzip-dev libicu-dev libfreetype-dev libpng-dev libdeflate-dev zlib1g-dev
  libpodofo-dev libharfbuzz-dev libfontconfig-dev
  libtomlplusplus-dev libcli11-dev
  doctest-dev
  fonts-liberation2 fonts-dejavu-core fonts-dejavu-extra
  poppler-utils qpdf python3 fontforge-nox
  libssl-dev libp11-dev openssl softhsm2 opensc
  libreoffice-writer-nogui
  pandoc python3-docx
  libcpp-httplib-dev nlohmann-json3-dev
  chromium chromium-driver python3-selenium
)

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "setup: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
