#!/usr/bin/env bash
# Concord's run command: install what is missing, build, and open the desktop
# editor on the embedded demo database (created on first run). Arguments are
# passed on: an SQLite file, or a postgresql:// or mysql:// URL. Without one it
# opens the demo, not the database the editor remembers from last time.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
./scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j2 --target concord concord-cli
if [ "$#" -eq 0 ]; then set -- --create-demo; fi
exec ./build/app/concord/concord "$@"
