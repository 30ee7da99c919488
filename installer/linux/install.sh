#!/usr/bin/env bash
# Installs the unpacked yibao-desk bundle (UOS, Kylin, Debian-like), with a menu entry and the `yibao-desk` command.
#
#   sudo ./install.sh                 for every user: /opt/yibao-desk, /usr/share/applications, /usr/local/bin
#   ./install.sh --user               for this user only: ~/.local/opt/yibao-desk, ~/.local/share/applications,
#                                     ~/.local/bin (no root needed)
#   ./install.sh --prefix DIR         into DIR/opt/yibao-desk, DIR/share/applications, DIR/bin
#
# The journal stays in each user's data folder (~/.local/share/yibao-desk): upgrading replaces only the program.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
usage() { echo "用法：$0 [--user | --prefix 目录]" >&2; exit 2; }

mode=system prefix=""
while (($#)); do
  case $1 in
    --user) mode=user; shift ;;
    --prefix) [[ $# -ge 2 && -n $2 ]] || usage; mode=prefix prefix=$2; shift 2 ;;
    -h | --help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) usage ;;
  esac
done
case $mode in
  system)
    if [[ $(id -u) != 0 ]]; then echo "请用 sudo 运行：sudo $0（或只为自己安装：$0 --user）" >&2; exit 2; fi
    program_dir=/opt/yibao-desk apps=/usr/share/applications bin=/usr/local/bin ;;
  user)
    data=${XDG_DATA_HOME:-$HOME/.local/share}
    program_dir=$HOME/.local/opt/yibao-desk apps=$data/applications bin=$HOME/.local/bin ;;
  prefix)
    mkdir -p "$prefix"
    prefix=$(cd "$prefix" && pwd)
    program_dir=$prefix/opt/yibao-desk apps=$prefix/share/applications bin=$prefix/bin ;;
esac
[[ -x $here/yibao-desk/yibao-desk ]] || { echo "错误：$here/yibao-desk 不是完整的程序文件夹；请重新解压安装包" >&2; exit 2; }

mkdir -p "$(dirname "$program_dir")" "$apps" "$bin"
rm -rf "$program_dir.new"
cp -a "$here/yibao-desk" "$program_dir.new"
rm -rf "$program_dir.old"
if [[ -d $program_dir ]]; then mv "$program_dir" "$program_dir.old"; fi
mv "$program_dir.new" "$program_dir"
rm -rf "$program_dir.old"
sed -e "s|/opt/yibao-desk|$program_dir|g" "$here/yibao-desk.desktop" >"$apps/yibao-desk.desktop.tmp"
chmod 644 "$apps/yibao-desk.desktop.tmp"
mv "$apps/yibao-desk.desktop.tmp" "$apps/yibao-desk.desktop"
ln -sfn "$program_dir/yibao-desk" "$bin/yibao-desk"
echo "已安装到 $program_dir（命令 $bin/yibao-desk，菜单项 $apps/yibao-desk.desktop）。请运行自检：yibao-desk selfcheck"
if [[ $mode == user && :$PATH: != *:$bin:* ]]; then echo "提示：$bin 不在 PATH 中；请把它加入 PATH，或直接运行 $bin/yibao-desk"; fi
