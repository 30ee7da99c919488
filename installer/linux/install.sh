#!/usr/bin/env bash
# Installs the unpacked yibao-desk bundle into /opt/yibao-desk with a menu entry (UOS, Kylin, Debian-like).
# The journal stays in each user's data folder (~/.local/share/yibao-desk): upgrading replaces only /opt.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [[ $(id -u) != 0 ]]; then echo "请用 sudo 运行：sudo $0" >&2; exit 2; fi
rm -rf /opt/yibao-desk.new
cp -a "$here/yibao-desk" /opt/yibao-desk.new
rm -rf /opt/yibao-desk.old
[[ -d /opt/yibao-desk ]] && mv /opt/yibao-desk /opt/yibao-desk.old
mv /opt/yibao-desk.new /opt/yibao-desk
rm -rf /opt/yibao-desk.old
install -m 644 "$here/yibao-desk.desktop" /usr/share/applications/yibao-desk.desktop
ln -sf /opt/yibao-desk/yibao-desk /usr/local/bin/yibao-desk
echo "已安装到 /opt/yibao-desk。请运行自检：yibao-desk selfcheck"
