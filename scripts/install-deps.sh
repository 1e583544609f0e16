#!/usr/bin/env bash
# Installs the Debian packages Concord needs to build, run and test, and only
# those that are missing (apt-get update runs once, and only then).
set -euo pipefail

PACKAGES=(
    cmake g++ make pkgconf
    qt6-base-dev libqt6sql6-sqlite libqt6sql6-psql libqt6sql6-mysql libsqlite3-dev
    # Translations: Qt6LinguistTools' CMake package (qt6-tools-dev), lupdate and lrelease
    # (qt6-l10n-tools), Qt's own catalogues such as qtbase_de.qm (qt6-translations-l10n).
    qt6-tools-dev qt6-l10n-tools qt6-translations-l10n
    libgl-dev fonts-dejavu-core
    postgresql mariadb-server
    # A throwaway connection pooler in front of the test PostgreSQL (tests/servers/servers.sh).
    pgbouncer
    xvfb xauth imagemagick x11-utils
    dpkg-dev file desktop-file-utils appstream
)

missing=()
for pkg in "${PACKAGES[@]}"; do
    # `dpkg -s` also succeeds for removed packages whose config files remain.
    if ! dpkg -s "$pkg" 2>/dev/null | grep -q '^Status: install ok installed$'; then
        missing+=("$pkg")
    fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

sudo=()
if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "missing packages (${missing[*]}) and no sudo to install them" >&2; exit 1; }
    sudo=(sudo)
fi
echo "installing ${missing[*]}"
"${sudo[@]}" apt-get update
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
