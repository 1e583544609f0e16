#!/usr/bin/env bash
# Builds the Debian package from a built build directory and checks it the way a user
# meets it: unpacked into a scratch root (nothing is installed on this machine), its
# control fields and files, the desktop entry and AppStream metainfo validated, both
# programs started, and a small Qt program (tests/package/) built against the unpacked
# CMake package with find_package(Concord) and run: it saves a row and checks its version.
#
# Usage: scripts/package-check.sh [BUILD_DIR]   (default: $BUILD_DIR or build)
# Environment: JOBS (default 2), KEEP_PACKAGE_DIR=1 keeps the scratch directory.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO=$(pwd)
BUILD_DIR=$(realpath "${1:-${BUILD_DIR:-build}}")
JOBS=${JOBS:-2}

[[ -f $BUILD_DIR/CPackConfig.cmake ]] || { echo "no CPackConfig.cmake in $BUILD_DIR: configure and build it first" >&2; exit 1; }

scratch=$(mktemp -d "${TMPDIR:-/tmp}/concord-package.XXXXXX")
# shellcheck disable=SC2317 # invoked through the EXIT trap
cleanup() {
    if [[ ${KEEP_PACKAGE_DIR:-0} == 1 ]]; then echo "kept $scratch"; else rm -rf "$scratch"; fi
}
trap cleanup EXIT

problems=0
problem() {
    echo "PACKAGE PROBLEM: $*" >&2
    problems=$((problems + 1))
}

echo "-- cpack -G DEB"
cpack -G DEB --config "$BUILD_DIR/CPackConfig.cmake" -B "$scratch/out" >"$scratch/cpack.log" 2>&1 \
    || { cat "$scratch/cpack.log" >&2; echo "cpack failed" >&2; exit 1; }
debs=("$scratch"/out/concord_*.deb)
[[ ${#debs[@]} -eq 1 && -f ${debs[0]} ]] || { ls -l "$scratch/out" >&2; echo "expected one concord_*.deb" >&2; exit 1; }
deb=${debs[0]}
echo "$(basename "$deb"): $(du -h "$deb" | cut -f1)"

echo "-- control fields"
field() { dpkg-deb --field "$deb" "$1"; }
dpkg-deb --field "$deb" Package Version Architecture Maintainer Section Depends Recommends Suggests
[[ $(field Package) == concord ]] || problem "package name is '$(field Package)', not concord"
[[ -n $(field Maintainer) ]] || problem "no Maintainer"
[[ -n $(field Section) ]] || problem "no Section"
# The package names of a relationship field, one a line, without versions.
names() { field "$1" | tr ',|' '\n' | sed 's/(.*//; s/[[:space:]]//g' | grep -v '^$' || true; }
depends=$(names Depends)
recommends=$(names Recommends)
# dpkg-shlibdeps must have found Qt; Qt's SQL drivers are plugins it cannot see.
for pkg in libqt6core6 libqt6sql6 libqt6widgets6; do
    grep -qx "$pkg" <<<"$depends" || problem "Depends lacks $pkg"
done
for pkg in libqt6sql6-sqlite libqt6sql6-psql libqt6sql6-mysql; do
    grep -qx "$pkg" <<<"$depends"$'\n'"$recommends" || problem "neither Depends nor Recommends names $pkg"
done

echo "-- files"
root=$scratch/root
dpkg-deb -x "$deb" "$root"
app_id=io.github.concordsql.Concord
for path in usr/bin/concord usr/bin/concord-cli \
    usr/include/Concord/batchsubmitter.h usr/include/Concord/versionedtablemodel.h \
    usr/share/applications/$app_id.desktop usr/share/metainfo/$app_id.metainfo.xml \
    usr/share/icons/hicolor/scalable/apps/$app_id.svg; do
    [[ -e $root/$path ]] || problem "missing /$path"
done
config=$(find "$root/usr" -path '*/cmake/Concord/ConcordConfig.cmake' | head -n 1)
[[ -n $config ]] || problem "missing lib/cmake/Concord/ConcordConfig.cmake"
libdir=$(dirname "$(dirname "$(dirname "${config:-$root/usr/lib/cmake/Concord/x}")")")
# Static or shared, whichever the build made; a shared one must come with its links.
for lib in concord_models concord_views; do
    if compgen -G "$libdir/lib$lib.so.*" >/dev/null; then
        [[ -L $libdir/lib$lib.so ]] || problem "lib$lib.so.* without the lib$lib.so link"
    elif [[ ! -f $libdir/lib$lib.a ]]; then
        problem "no lib$lib in /${libdir#"$root"/}"
    fi
done
[[ -f $root/usr/include/Concord/mainwindow.h ]] || problem "the views headers are not installed"
# Installed headers sit side by side and include each other by file name.
for header in "$root"/usr/include/Concord/*.h; do
    while read -r included; do
        [[ -f $root/usr/include/Concord/$included ]] || problem "$(basename "$header") includes \"$included\", not installed"
    done < <(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$header")
done
(cd "$root" && find . -type f -o -type l | sort | sed 's|^\./|  /|')

echo "-- desktop entry and metainfo"
desktop-file-validate "$root/usr/share/applications/$app_id.desktop" || problem "desktop-file-validate failed"
# --no-net: the validator checks the file alone and fetches nothing.
appstreamcli validate --no-net "$root/usr/share/metainfo/$app_id.metainfo.xml" || problem "appstreamcli validate failed"
grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$root/usr/share/metainfo/$app_id.metainfo.xml" \
    || problem "the metainfo does not launch $app_id.desktop"
grep -qx "Icon=$app_id" "$root/usr/share/applications/$app_id.desktop" || problem "the desktop entry's Icon is not $app_id"

echo "-- the packaged programs start"
export LD_LIBRARY_PATH=$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
"$root/usr/bin/concord-cli" --help >/dev/null || problem "concord-cli --help failed"
QT_QPA_PLATFORM=offscreen "$root/usr/bin/concord" --version || problem "concord --version failed"
unset LD_LIBRARY_PATH

echo "-- a Qt program built against the package"
user=$scratch/user
# Only the unpacked root: a Concord installed elsewhere on this machine must not be found.
cmake -S "$REPO/tests/package" -B "$user" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_PREFIX_PATH="$root/usr" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF >"$scratch/user-configure.log" 2>&1 \
    || { cat "$scratch/user-configure.log" >&2; echo "find_package(Concord) against the package failed" >&2; exit 1; }
concord_dir=$(sed -n 's/^Concord_DIR:PATH=//p' "$user/CMakeCache.txt")
[[ $concord_dir == "$root"/* ]] || problem "find_package(Concord) found $concord_dir, not the package"
cmake --build "$user" -j"$JOBS" >"$scratch/user-build.log" 2>&1 \
    || { cat "$scratch/user-build.log" >&2; echo "building against the package failed" >&2; exit 1; }
# A shared Concord::Models must be the unpacked one (a static one is linked in).
# ldd's output is kept first: grep -q may stop reading early, failing the pipe.
loaded=$(ldd "$user/concord_package_check")
if grep -q 'libconcord_models' <<<"$loaded"; then
    grep -q "libconcord_models.* => $root/" <<<"$loaded" \
        || problem "the check program does not load the package's libconcord_models: $(grep concord <<<"$loaded")"
fi
"$user/concord_package_check" || problem "the check program failed"

if [[ $problems -ne 0 ]]; then
    echo "package check: $problems problem(s)" >&2
    exit 1
fi
echo "package check: $(basename "$deb") is complete and usable"
