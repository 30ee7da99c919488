#!/usr/bin/env bash
# Sets up (first time) and starts yibao-desk on the embedded default SQLite journal. Arguments pass through.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh
exec .venv/bin/yibao-desk "$@"
