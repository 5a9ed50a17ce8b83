#!/usr/bin/env bash
# Builds SMMDesk.app and a .dmg on macOS 13 or later (Xcode command-line tools and a
# python.org or Homebrew Python 3.11+ installed), from the repository root:
#
#     packaging/macos/build-macos.sh
#
#   dist/SMMDesk.app                             the application bundle (PyInstaller BUNDLE)
#   dist/smmdesk-<version>-macos-<arch>.dmg      a compressed disk image: the app and an
#                                                Applications link to drag it onto
#
# The app is ad-hoc signed by PyInstaller, which Apple silicon requires to run it; to
# distribute it without Gatekeeper warnings, sign it with a Developer ID and notarize
# the .dmg (packaging/README.md).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

[ "$(uname -s)" = "Darwin" ] || { echo "build-macos.sh runs on macOS" >&2; exit 1; }
VENV="${SMMDESK_VENV:-.venv}"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q -e ".[packaging]"

VERSION=$("$VENV/bin/python" -c 'from importlib.metadata import version; print(version("smmdesk"))')
ARCH=$(uname -m)
"$VENV/bin/pyinstaller" --noconfirm --clean packaging/smmdesk.spec
"dist/SMMDesk.app/Contents/MacOS/smmdesk" --version

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
cp -R dist/SMMDesk.app "$staging/"
ln -s /Applications "$staging/Applications"
dmg="dist/smmdesk-$VERSION-macos-$ARCH.dmg"
hdiutil create -volname SMMDesk -srcfolder "$staging" -ov -format UDZO "$dmg"
du -sh dist/SMMDesk.app "$dmg"
