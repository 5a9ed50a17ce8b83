#!/usr/bin/env bash
# Builds SMMDesk's Linux artefacts on a Debian or Ubuntu machine (amd64), in one command:
#
#     packaging/build-linux.sh
#
#   dist/smmdesk-<version>-linux-x86_64.tar.gz   the one-folder PyInstaller bundle
#   dist/smmdesk_<version>_amd64.deb             /opt/smmdesk + menu entry, icons, AppStream
#   dist/build-linux.env                         version, sizes and build time (key=value)
#
# It installs the apt packages it needs (build tools, and the desktop libraries the bundle
# links so that it can check them and run the bundle), creates or reuses a virtual
# environment (SMMDESK_VENV, default .venv) with `.[packaging]`, runs PyInstaller with
# packaging/smmdesk.spec, checks that every system library the bundle needs belongs to a
# package in the .deb's Depends, and packs both artefacts.
#
# The .deb's Maintainer and Homepage come from pyproject.toml ([project] maintainers, else
# authors; [project.urls] Homepage), the one place they are written.
#
# Environment: SMMDESK_VENV (venv path), SMMDESK_BUILD_DIR (work folder, default
# build/packaging), SMMDESK_DIST_DIR (artefacts, default dist), SMMDESK_DEB_MAINTAINER
# (overrides the Maintainer, "Name <email>"), SOURCE_DATE_EPOCH (timestamps inside the
# archives; default: the last commit's date). Builds on one machine take turns (a lock in
# $TMPDIR or /tmp).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root_dir=$(pwd)

APP_ID="io.github.smmdesk.SMMDesk"
VENV="${SMMDESK_VENV:-.venv}"
BUILD=$(realpath -m "${SMMDESK_BUILD_DIR:-$root_dir/build/packaging}")
DIST=$(realpath -m "${SMMDESK_DIST_DIR:-$root_dir/dist}")
CONTROL_IN="packaging/deb/control.in"

log() { printf '\n==> %s\n' "$*"; }
# A value made safe for the replacement of sed's s|…|…| (backslash, | and & taken literally).
sed_escape() { printf '%s' "$1" | sed 's/[\\|&]/\\&/g'; }
die() { printf 'build-linux.sh: %s\n' "$*" >&2; exit 1; }

[ "$(uname -m)" = "x86_64" ] || die "builds the amd64 (x86_64) artefacts only"

# One build at a time on this machine: they share the venv, apt and two cores.
if command -v flock >/dev/null; then
    exec 9>"${TMPDIR:-/tmp}/smmdesk-build-linux.lock"
    flock 9
fi
started=$(date +%s)

# Every package name of the control file's Depends, alternatives included, one a line.
depends_names() {
    sed -n 's/^Depends: //p' "$CONTROL_IN" | tr ',|' '\n' | sed 's/(.*)//; s/[[:space:]]//g' | sed '/^$/d'
}

# The first of the given package names that is installed or that apt knows about.
first_known() {
    local name
    for name in "$@"; do
        [[ "$name" =~ ^[a-z0-9][a-z0-9.+-]+$ ]] || continue
        if dpkg -s "$name" >/dev/null 2>&1 || apt-cache show "$name" >/dev/null 2>&1; then
            printf '%s\n' "$name"
            return
        fi
    done
}

# The apt packages to install: for "a | b", the first alternative apt knows about.
# libpython is libpython3.X on Debian 12, libpython3.Xt64 on Ubuntu 24.04 and Debian 13.
apt_wanted() {
    local python_version clause alternative names
    python_version=$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    printf '%s\n' binutils file python3-venv appstream desktop-file-utils
    first_known "libpython${python_version}t64" "libpython${python_version}"
    sed -n 's/^Depends: //p' "$CONTROL_IN" | tr ',' '\n' | while read -r clause; do
        names=()
        for alternative in ${clause//|/ }; do
            names+=("${alternative%%(*}")
        done
        first_known "${names[@]}"
    done
}

install_apt_packages() {
    command -v apt-get >/dev/null || die "apt-get not found: this script builds on Debian or Ubuntu"
    local sudo="" missing=() package
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    command -v python3 >/dev/null || { $sudo apt-get update -q; $sudo apt-get install -y -q python3; }
    # apt-cache needs package lists: refresh them once if this machine has none yet.
    if ! compgen -G '/var/lib/apt/lists/*_Packages' >/dev/null; then
        $sudo apt-get update -q
    fi
    while read -r package; do
        dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
    done < <(apt_wanted)
    if [ ${#missing[@]} -gt 0 ]; then
        log "Installing apt packages: ${missing[*]}"
        $sudo apt-get update -q
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
    fi
}

# The packaging extra's requirements, from the installed smmdesk's metadata when that is
# current (same version as pyproject.toml); nothing when smmdesk must be (re)installed.
installed_extra_requirements() {
    "$VENV/bin/python" - <<'PY' 2>/dev/null || true
import re, tomllib
from importlib import metadata
from packaging.requirements import Requirement
declared = tomllib.load(open("pyproject.toml", "rb"))["project"]["version"]
if metadata.version("smmdesk") == declared:
    for line in metadata.requires("smmdesk") or []:
        requirement = Requirement(line)
        if requirement.marker and requirement.marker.evaluate({"extra": "packaging"}) \
                and not requirement.marker.evaluate({"extra": ""}):
            print(re.sub(r";.*", "", line).strip())
PY
}

install_venv() {
    if [ ! -x "$VENV/bin/python" ]; then
        python3 -m venv "$VENV"
        "$VENV/bin/python" -m pip install -q --upgrade pip
    fi
    local requirements=()
    mapfile -t requirements < <(installed_extra_requirements)
    if [ ${#requirements[@]} -gt 0 ]; then
        # smmdesk is installed and current: add the extra without reinstalling smmdesk,
        # which other processes using this venv may be importing right now.
        "$VENV/bin/python" -m pip install -q "${requirements[@]}"
    else
        "$VENV/bin/python" -m pip install -q -e ".[packaging]"
    fi
}

# The system libraries the bundle links directly (DT_NEEDED of each of its ELF files, found
# outside the bundle): each must come from a package named in Depends. What those packages
# pull in themselves is theirs to declare.
check_depends() {
    local bundle="$1" search="$1/_internal:$1/_internal/PySide6/Qt/lib"
    local allowed libs=() file line name path package needed missing=() unlisted=()
    allowed=$(depends_names | sort -u)
    while IFS= read -r -d '' file; do
        [ "$(head -c 4 "$file" | od -An -c | tr -d ' ')" = "177ELF" ] || continue
        # The GTK 3 theme plugin is optional: it loads only where GTK 3 is installed.
        [[ "$file" == */platformthemes/libqgtk3.so ]] && continue
        needed=$(objdump -p "$file" | awk '$1 == "NEEDED" { print $2 }')
        while read -r line; do
            name="${line%% *}"
            grep -qxF "$name" <<<"$needed" || continue
            case "$line" in
                *"not found"*) missing+=("$name (needed by ${file#"$bundle"/})") ;;
                *"=> /"*)
                    path="${line#*=> }"
                    path="${path%% *}"
                    [[ "$path" == "$bundle"/* ]] || libs+=("$path")
                    ;;
            esac
        done < <(LD_LIBRARY_PATH="$search" ldd "$file" 2>/dev/null | sed 's/^[[:space:]]*//' || true)
    done < <(find "$bundle" -type f \( -name '*.so*' -o -name smmdesk \) -print0)
    [ ${#missing[@]} -eq 0 ] || die "libraries not found (install them, add their packages to Depends): $(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')"
    while read -r path; do
        name=$(basename "$path")
        package=$(dpkg-query -S "*/$name" 2>/dev/null | grep -m1 "x86_64-linux-gnu/$name\$" | cut -d: -f1 || true)
        [ -n "$package" ] || die "no package owns $path"
        grep -qxF "$package" <<<"$allowed" || unlisted+=("$package ($name)")
    done < <(printf '%s\n' "${libs[@]}" | sort -u)
    [ ${#unlisted[@]} -eq 0 ] || die "the bundle links packages missing from Depends: ${unlisted[*]}"
    echo "Depends covers the $(printf '%s\n' "${libs[@]}" | sort -u | wc -l) system libraries the bundle links"
}

# The lowest glibc the bundle runs on: the newest GLIBC_x.y symbol version it references.
glibc_floor() {
    find "$1" -type f \( -name '*.so*' -o -name smmdesk \) -exec objdump -T {} + 2>/dev/null \
        | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n1
}

install_icons() {
    local share="$1" png size
    install -Dm644 smmdesk/resources/smmdesk.svg "$share/icons/hicolor/scalable/apps/$APP_ID.svg"
    for png in smmdesk/resources/smmdesk-*.png; do
        [ -e "$png" ] || continue
        size=$(file -b "$png" | sed -n 's/.*, \([0-9]*\) x \([0-9]*\),.*/\1x\2/p')
        [ -n "$size" ] || die "cannot read the size of $png"
        install -Dm644 "$png" "$share/icons/hicolor/$size/apps/$APP_ID.png"
    done
}

log "System packages"
install_apt_packages
log "Virtual environment $VENV with .[packaging]"
install_venv
PY="$VENV/bin/python"

# One field of pyproject.toml's [project] for the control file: "maintainer" is the first
# maintainer (else author) with an e-mail, as "Name <email>"; "homepage" is urls.Homepage.
project_field() {
    "$PY" - "$1" <<'PY'
import sys, tomllib
project = tomllib.load(open("pyproject.toml", "rb"))["project"]
if sys.argv[1] == "maintainer":
    people = [p for p in project.get("maintainers", []) + project.get("authors", []) if p.get("email")]
    print(f"{people[0].get('name', 'SMMDesk developers')} <{people[0]['email']}>" if people else "")
else:
    print(project.get("urls", {}).get("Homepage", ""))
PY
}

VERSION=$("$PY" -c 'from importlib.metadata import version; print(version("smmdesk"))')
QT_VERSION=$("$PY" -c 'import PySide6.QtCore as q; print(q.qVersion())')
PYTHON_VERSION=$("$PY" -c 'import platform; print(platform.python_version())')
metainfo_release=$(grep -o -m1 '<release version="[^"]*"' "resources/$APP_ID.metainfo.xml" | cut -d'"' -f2)
[ "$metainfo_release" = "$VERSION" ] || die "resources/$APP_ID.metainfo.xml: the newest <release> is $metainfo_release, the package is $VERSION: add a <release> entry"
[ -f smmdesk/resources/smmdesk.svg ] || die "smmdesk/resources/smmdesk.svg (the app icon) is missing"
MAINTAINER="${SMMDESK_DEB_MAINTAINER:-$(project_field maintainer)}"
HOMEPAGE=$(project_field homepage)
name_and_email='^[^<>@]+ <[^<>@[:space:]]+@[^<>@[:space:]]+>$'
[[ "$MAINTAINER" =~ $name_and_email ]] \
    || die "Maintainer '$MAINTAINER' is not 'Name <email>': set [project] maintainers in pyproject.toml"
[[ "$HOMEPAGE" =~ ^https://[^[:space:]]+$ ]] \
    || die "Homepage '$HOMEPAGE' is not an https URL: set [project.urls] Homepage in pyproject.toml"
desktop-file-validate "resources/$APP_ID.desktop"
appstreamcli validate --no-net "resources/$APP_ID.metainfo.xml"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}"

log "PyInstaller: SMMDesk $VERSION (Python $PYTHON_VERSION, Qt $QT_VERSION)"
rm -rf "$BUILD"
mkdir -p "$BUILD" "$DIST"
pyinstaller_started=$(date +%s)
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$BUILD/dist" --workpath "$BUILD/work" packaging/smmdesk.spec
pyinstaller_seconds=$(( $(date +%s) - pyinstaller_started ))
bundle="$BUILD/dist/smmdesk"
# Shared libraries need no execute bit (PyInstaller copies them as they were).
find "$bundle" -type f -name '*.so*' -exec chmod 644 {} +
frozen_version=$("$bundle/smmdesk" --version | head -n1)
[[ "$frozen_version" == *"$VERSION"* ]] || die "the frozen app's --version says '$frozen_version', expected $VERSION"
echo "Frozen app: $frozen_version"
check_depends "$bundle"

log "Archive"
tarball="$DIST/smmdesk-$VERSION-linux-x86_64.tar.gz"
staging="$BUILD/tar"
mkdir -p "$staging"
cp -a "$bundle" "$staging/smmdesk-$VERSION"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
    -C "$staging" -cf - "smmdesk-$VERSION" | gzip -n -6 >"$tarball"

log "Debian package"
deb_root="$BUILD/deb"
mkdir -p "$deb_root/opt" "$deb_root/usr/bin" "$deb_root/DEBIAN"
cp -a "$bundle" "$deb_root/opt/smmdesk"
ln -s /opt/smmdesk/smmdesk "$deb_root/usr/bin/smmdesk"
install -Dm644 "resources/$APP_ID.desktop" "$deb_root/usr/share/applications/$APP_ID.desktop"
install -Dm644 "resources/$APP_ID.metainfo.xml" "$deb_root/usr/share/metainfo/$APP_ID.metainfo.xml"
install_icons "$deb_root/usr/share"
sed -e "s/@PYTHON_VERSION@/$PYTHON_VERSION/" -e "s/@QT_VERSION@/$QT_VERSION/" \
    packaging/deb/copyright.in | install -Dm644 /dev/stdin "$deb_root/usr/share/doc/smmdesk/copyright"
changelog_date=$(date -u -R -d "@$SOURCE_DATE_EPOCH")
printf 'smmdesk (%s) unstable; urgency=medium\n\n  * SMMDesk %s.\n\n -- %s  %s\n' \
    "$VERSION" "$VERSION" "$MAINTAINER" "$changelog_date" | gzip -9n >"$deb_root/usr/share/doc/smmdesk/changelog.gz"
chmod -R u+rwX,go+rX,go-w "$deb_root"
installed_kib=$(du -sk --exclude=DEBIAN "$deb_root" | cut -f1)
libc_min=$(glibc_floor "$bundle")
sed -e "s/@VERSION@/$VERSION/" -e "s/@INSTALLED_SIZE@/$installed_kib/" \
    -e "s/@LIBC_MIN@/$libc_min/" -e "s|@MAINTAINER@|$(sed_escape "$MAINTAINER")|" \
    -e "s|@HOMEPAGE@|$(sed_escape "$HOMEPAGE")|" "$CONTROL_IN" >"$deb_root/DEBIAN/control"
install -m755 packaging/deb/postinst packaging/deb/postrm "$deb_root/DEBIAN/"
(cd "$deb_root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z \
    | xargs -0 md5sum >DEBIAN/md5sums)
find "$deb_root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
deb="$DIST/smmdesk_${VERSION}_amd64.deb"
dpkg-deb --root-owner-group -Zxz --build "$deb_root" "$deb" >/dev/null
dpkg-deb --info "$deb" | sed -n '/Package:/,/Depends:/p' | cut -c1-160

build_seconds=$(( $(date +%s) - started ))
bundle_bytes=$(du -sb "$bundle" | cut -f1)
tar_bytes=$(stat -c %s "$tarball")
deb_bytes=$(stat -c %s "$deb")
cat >"$DIST/build-linux.env" <<EOF
VERSION=$VERSION
TARBALL=$(basename "$tarball")
DEB=$(basename "$deb")
BUNDLE_BYTES=$bundle_bytes
TARBALL_BYTES=$tar_bytes
DEB_BYTES=$deb_bytes
PYINSTALLER_SECONDS=$pyinstaller_seconds
BUILD_SECONDS=$build_seconds
EOF
mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }
log "Done in ${build_seconds}s (PyInstaller ${pyinstaller_seconds}s)"
printf '  bundle   %-10s %s\n' "$(mib "$bundle_bytes")" "$bundle"
printf '  tar.gz   %-10s %s\n' "$(mib "$tar_bytes")" "$tarball"
printf '  deb      %-10s %s\n' "$(mib "$deb_bytes")" "$deb"
