#!/usr/bin/env bash
# Builds the Linux bundle: dist/yibao-desk-<version>-linux-<arch>.tar.gz with the one-folder program, the menu
# entry and install.sh. Sets up the project's .venv with PyInstaller (scripts/setup.sh, test extra) when it is missing.
# Usage: installer/build.sh [output folder]
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
if [[ ! -x $PY ]] || ! $PY -c 'import PyInstaller' 2>/dev/null; then
  echo "准备构建环境（scripts/setup.sh，含 PyInstaller）…" >&2
  EXTRA=test source scripts/setup.sh >&2
fi
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
