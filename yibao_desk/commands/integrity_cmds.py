"""`journal verify | backup | restore | rebuild | recover`: keeping the journal whole, and mending it.

Backup, restore, rebuild and recover act for a supervisor: `--staff` and the password (prompt, or the first line of
standard input with `--password-stdin`); a locked account is locked here too. Verify reads only.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

from yibao_desk.commands.common import CliError, emit_json

if TYPE_CHECKING:
    from yibao_desk.journal.db import Journal


def _journal(args: argparse.Namespace) -> Journal:
    from yibao_desk.journal.db import open_journal, resolve_db_path

    journal = open_journal(resolve_db_path(getattr(args, "db", None)))
    for w in journal.warnings:
        print(f"警告：{w}", file=sys.stderr)
    return journal


def _password(args: argparse.Namespace) -> str:
    import os

    from yibao_desk.commands.journal_cmds import PASSWORD_ENV, read_passwords

    if not args.staff:
        raise CliError("此操作需主管身份：请给出 --staff 主管工号")
    if os.environ.get(PASSWORD_ENV) is not None:
        return os.environ[PASSWORD_ENV]
    (password,) = read_passwords(args, [f"主管 {args.staff} 的密码"])
    return password


def _as_supervisor(args: argparse.Namespace, journal: Journal) -> None:
    """Log the supervisor in on this journal (which may be damaged: logging in writes no event)."""
    from yibao_desk.commands.common import calendar, catalog
    from yibao_desk.journal.intake import IntakeService
    from yibao_desk.journal.roles import PermissionDenied, allowed

    actor = IntakeService(journal, catalog(), calendar()).login(args.staff, _password(args))
    if not allowed(actor.role, "journal.manage"):
        raise PermissionDenied(actor.staff_id, actor.role, "journal.manage")


def _has_supervisor(path: Path) -> bool:
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            row = conn.execute("SELECT count(*) FROM staff WHERE role = 'supervisor' AND active").fetchone()
    except sqlite3.Error:
        return False
    return bool(row and row[0])


def _supervisor_of_file(args: argparse.Namespace, path: Path) -> None:
    """A supervisor of the journal in `path`, checked read-only (a backup is never changed by checking it)."""
    from yibao_desk.journal.staff import AuthError, check_hash

    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            row = conn.execute("SELECT password_hash, role, active FROM staff WHERE id = ?", (args.staff,)).fetchone()
    except sqlite3.Error as e:
        raise CliError(f"无法读取 {path} 中的工作人员：{e}") from None
    if row is None or not check_hash(row[0], _password(args)):
        raise AuthError("工号或密码错误")
    if row[1] != "supervisor" or not row[2]:
        raise AuthError(f"{args.staff} 不是在用的主管账号")


def cmd_journal_verify(args: argparse.Namespace) -> int:
    from yibao_desk.journal import verify as verifier

    journal = _journal(args)
    report = verifier.verify(journal)
    if not report.ok:
        verifier.remember_failure(journal, report)
    if args.json:
        emit_json(report.as_dict())
    else:
        if report.ok:
            print(f"日志完好：{report.events} 个事件，{report.cases} 个办件，哈希链、签名检查点与各表一致")
        for p in report.problems + report.attachment_problems:
            print(p)
        if report.files_ok and report.attachments:
            print(f"扫描件完好：{report.attachments} 个文件与其哈希一致")
    if not report.ok:
        print(f"错误：日志校验失败；第一个异常事件：{report.first_bad_event or '（见上）'}", file=sys.stderr)
    if not report.files_ok:
        print(
            f"错误：{len(report.attachment_problems)} 个扫描件缺失或被改动；请从备份恢复附件库"
            "（journal restore 会一并恢复）或从中心取回（journal recover），并重新扫描后附加；"
            "确已无法找回的，由主管登记遗失"
            "（yibao-desk attachment-lost 办件编号 SHA-256 --reason 原因 --staff 主管工号）",
            file=sys.stderr,
        )
    return 0 if report.ok and report.files_ok else 1


def cmd_journal_backup(args: argparse.Namespace) -> int:
    from yibao_desk.journal import backup as backups

    journal = _journal(args)
    _as_supervisor(args, journal)
    target = backups.backup_to(journal.path, Path(args.to))
    print(f"已备份到 {target}（扫描件在 {target.parent / backups.BACKUP_ATTACHMENTS}）")
    from yibao_desk.journal.case_attachments import attachment_problems

    _count, missing = attachment_problems(journal, full=False)
    if missing:  # the backup holds what the store had: say what it could not hold
        for p in missing:
            print(f"警告：{p}（未能备份）", file=sys.stderr)
        return 1
    return 0


def cmd_journal_restore(args: argparse.Namespace) -> int:
    from yibao_desk.journal import backup as backups
    from yibao_desk.journal import verify as verifier
    from yibao_desk.journal.db import open_journal, resolve_db_path

    path = resolve_db_path(getattr(args, "db", None))
    source = Path(args.file)
    if not source.is_file():
        raise CliError(f"备份文件不存在：{source}")
    if path.exists() and _has_supervisor(path):
        journal = open_journal(path)
        _as_supervisor(args, journal)
        journal.close()
    else:  # no journal (or none with a supervisor) here: the backup's own supervisor answers for it
        _supervisor_of_file(args, source)
    plan = backups.plan_restore(source, path)
    if plan is not None and plan.loses_events:
        if not args.accept_loss:
            raise CliError(plan.describe() + "。确需恢复，请加 --accept-loss")
        print(f"警告：{plan.describe()}", file=sys.stderr)
    kept = backups.restore(source, path, accept_loss=args.accept_loss)
    report = verifier.verify(open_journal(path))
    print(f"已从 {args.file} 恢复；原日志保存为 {kept}")
    if not report.ok:
        print("警告：恢复后的日志校验未通过：" + "；".join(report.problems), file=sys.stderr)
        return 1
    if not report.files_ok:  # the scans come from the attachments/ folder beside the backup file
        for p in report.attachment_problems:
            print(f"警告：{p}", file=sys.stderr)
        print(
            f"警告：{len(report.attachment_problems)} 个扫描件未能恢复：扫描件应在备份文件旁的 "
            f"{source.parent / backups.BACKUP_ATTACHMENTS} 中（请把整个备份文件夹一起拷来），"
            "或用 journal recover 从中心取回",
            file=sys.stderr,
        )
        return 1
    return 0


def cmd_journal_rebuild(args: argparse.Namespace) -> int:
    from yibao_desk.journal import verify as verifier

    journal = _journal(args)
    _as_supervisor(args, journal)
    n = verifier.rebuild(journal)
    print(f"已由事件重建 {n} 个办件，以及设备、人员和设置表")
    for problem in journal.problems:
        print(f"警告：重建后仍有问题：{problem}", file=sys.stderr)
    return 1 if journal.problems else 0


def cmd_journal_recover(args: argparse.Namespace) -> int:
    from yibao_desk.journal.checkpoint import read_anchor
    from yibao_desk.sync.recover import recover
    from yibao_desk.sync.state import device_id
    from yibao_desk.sync.urls import SyncError

    journal = _journal(args)
    try:
        device = device_id(journal)
    except SyncError:
        anchor, _ = read_anchor(journal.path)
        device = args.device or (anchor.device_id if anchor else "")
        if not device:
            raise CliError("日志中没有设备信息：请用 --device 指明本机的设备编号") from None
    if args.device and args.device.upper() != device:
        raise CliError(f"本机日志属于设备 {device}，与 --device {args.device} 不符")
    if _has_supervisor(journal.path):
        _as_supervisor(args, journal)
    report = recover(journal, args.from_url, device, trust_centre=args.trust_centre)
    if args.json:
        emit_json(report.__dict__)
    else:
        for line in report.lines():
            print(line)
    return 0


def register(journal: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    def supervisor(p: argparse.ArgumentParser, required: bool = True) -> None:
        p.add_argument("--staff", required=required, help="主管工号")
        p.add_argument("--password-stdin", action="store_true", help="从标准输入第 1 行读主管密码")

    p = journal.add_parser("verify", help="校验哈希链、签名检查点、办件表和人员表")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_journal_verify)
    p = journal.add_parser("backup", help="在线备份（程序运行时也安全；需主管）")
    p.add_argument("--to", required=True, metavar="DIR")
    supervisor(p)
    p.set_defaults(func=cmd_journal_backup)
    p = journal.add_parser("restore", help="从备份恢复（原日志另存；需主管）")
    p.add_argument("file")
    p.add_argument("--accept-loss", action="store_true", help="备份比当前日志旧时，确认接受丢失其后的事件")
    supervisor(p)
    p.set_defaults(func=cmd_journal_restore)
    p = journal.add_parser("rebuild", help="由事件重建办件、设备、人员和设置表（需主管）")
    supervisor(p)
    p.set_defaults(func=cmd_journal_rebuild)
    p = journal.add_parser("recover", help="从中心库取回本机事件重建日志（需主管）")
    p.add_argument("--from", dest="from_url", required=True, metavar="URL", help="中心库地址（本机的同步地址即可）")
    p.add_argument("--device", help="日志已空时指明本机设备编号")
    p.add_argument(
        "--trust-centre", action="store_true", help="中心库中无法用本机签名核对的事件也取回（确认它们是本机写的）"
    )
    p.add_argument("--json", action="store_true")
    supervisor(p, required=False)
    p.set_defaults(func=cmd_journal_recover)
