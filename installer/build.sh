#!/usr/bin/env bash
# Builds the Linux bundle: dist/yibao-desk-<version>-linux-<arch>.tar.gz with the one-folder program, the menu
# entry and install.sh. Needs the project's .venv (scripts/setup.sh) and PyInstaller (in the test extra).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
version=$($PY -c 'import re;print(re.search(r"^version\s*=\s*\"([^\"]+)\"", open("pyproject.toml").read(), re.M).group(1))')
arch=$(uname -m)
out=${1:-dist}
work=$(mktemp -d)
$PY -m PyInstaller --noconfirm --clean --log-level WARN --distpath "$work/dist" --workpath "$work/build" \
  installer/yibao-desk.spec
stage="$work/yibao-desk-$version-linux-$arch"
mkdir -p "$stage"
mv "$work/dist/yibao-desk" "$stage/yibao-desk"
cp installer/linux/yibao-desk.desktop installer/linux/install.sh "$stage/"
mkdir -p "$out"
tar -C "$work" -czf "$out/yibao-desk-$version-linux-$arch.tar.gz" "yibao-desk-$version-linux-$arch"
rm -rf "$work"
echo "$out/yibao-desk-$version-linux-$arch.tar.gz"
