#!/usr/bin/env bash
# Sets up (first time) and runs every check: ruff, mypy (strict) on the whole yibao_desk package, and the whole
# pytest suite, including the slow tests and the tests against the PostgreSQL server on 127.0.0.1:5432 (installed
# and started if needed).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
EXTRA=test
source scripts/setup.sh

ensure_postgres() {
  if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then return 0; fi
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
      echo "安装 PostgreSQL …"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
      ver=$(ls /etc/postgresql | head -n1)
      sed -i -E 's/^(host\s+all\s+all\s+127\.0\.0\.1\/32\s+)\S+/\1trust/; s/^(local\s+all\s+all\s+)\S+/\1trust/' \
        "/etc/postgresql/$ver/main/pg_hba.conf"
      grep -qE '^local\s+all\s+postgres\s+trust' "/etc/postgresql/$ver/main/pg_hba.conf" ||
        sed -i -E 's/^(local\s+all\s+postgres\s+)\S+/\1trust/' "/etc/postgresql/$ver/main/pg_hba.conf"
    else
      echo "错误：本机没有 PostgreSQL，测试需要 127.0.0.1:5432（trust 认证）" >&2
      return 1
    fi
  fi
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  for _ in $(seq 30); do
    pg_isready -h 127.0.0.1 -p 5432 -q && return 0
    sleep 1
  done
  echo "错误：PostgreSQL 没有启动" >&2
  return 1
}
ensure_postgres

export QT_QPA_PLATFORM=offscreen
export YIBAO_REQUIRE_POSTGRES=1
echo "== ruff"
.venv/bin/ruff check yibao_desk tests bench
echo "== mypy (yibao_desk)"
.venv/bin/mypy
echo "== pytest"
.venv/bin/python -m pytest "$@"
