#!/usr/bin/env bash
# Sets up what yibao-desk needs on a Debian/Ubuntu/UOS/Kylin machine: system libraries for Qt, a CJK font,
# and a virtual environment in .venv. Sourced by run.sh and test.sh; EXTRA=test installs the test tools too.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

SYSTEM_PACKAGES=(fonts-wqy-zenhei fonts-arphic-uming fonts-hanazono libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1
  libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0
  libxcb-randr0 libxcb-xinerama0)
if [[ "${EXTRA:-}" == test ]]; then
  SYSTEM_PACKAGES+=(poppler-utils xvfb)
fi

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
fi
if ((${#missing[@]})); then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "安装系统软件包：${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "提示：缺少系统软件包 ${missing[*]}；请执行：sudo apt-get install ${missing[*]}" >&2
  fi
fi

PY=${PYTHON:-}
if [[ -z "$PY" ]]; then
  for candidate in python3.11 python3.12 python3.13 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
      PY=$candidate
      break
    fi
  done
fi
if [[ -z "$PY" ]]; then
  echo "错误：需要 Python 3.11 或更新版本" >&2
  exit 2
fi

if [[ ! -x .venv/bin/python ]]; then
  "$PY" -m venv .venv || {
    echo "错误：无法创建虚拟环境；Debian 上请安装 python3-venv" >&2
    exit 2
  }
fi
stamp=.venv/.installed-${EXTRA:-run}
if [[ ! -f $stamp || pyproject.toml -nt $stamp ]]; then
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  if [[ "${EXTRA:-}" == test ]]; then
    .venv/bin/python -m pip install -q -e '.[test]'
  else
    .venv/bin/python -m pip install -q -e .
  fi
  touch "$stamp"
fi
