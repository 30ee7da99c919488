"""Who may do what. Checked by the intake service inside the transaction that writes the events."""

from __future__ import annotations

ROLES = {"clerk": "窗口收件员", "printer": "打印发证员", "supervisor": "主管"}

PERMISSIONS: dict[str, frozenset[str]] = {
    "case.open": frozenset({"clerk", "supervisor"}),
    "case.checklist": frozenset({"clerk", "supervisor"}),
    "case.decide": frozenset({"clerk", "supervisor"}),
    "case.print": frozenset({"clerk", "printer", "supervisor"}),
    "case.complete": frozenset({"clerk", "supervisor"}),
    "case.deliver": frozenset({"clerk", "printer", "supervisor"}),
    "case.amend": frozenset({"clerk", "supervisor"}),
    "case.rate": frozenset({"clerk", "printer", "supervisor"}),
    "case.void": frozenset({"supervisor"}),
    "staff.manage": frozenset({"supervisor"}),
    "ledger.export": frozenset({"clerk", "supervisor"}),
    "ledger.full_id": frozenset({"supervisor"}),
    "settings.change": frozenset({"supervisor"}),
    "calendar.change": frozenset({"supervisor"}),
    "journal.restore": frozenset({"supervisor"}),
    "journal.manage": frozenset({"supervisor"}),
    "case.read_full": frozenset({"clerk", "printer", "supervisor"}),
    "device.setup": frozenset({"supervisor"}),
    "sync.run": frozenset({"clerk", "printer", "supervisor"}),
    "sms.send": frozenset({"clerk", "printer", "supervisor"}),
    "case.archive": frozenset({"clerk", "printer", "supervisor"}),
    "case.attach": frozenset({"clerk", "supervisor"}),
}

ACTION_ZH = {
    "case.open": "开立办件",
    "case.checklist": "登记材料",
    "case.decide": "作出受理/补正/不予受理决定",
    "case.print": "打印文书",
    "case.complete": "标记办结",
    "case.deliver": "交付办理结果",
    "case.amend": "更正办件信息",
    "case.rate": "记录服务评价",
    "case.void": "作废办件",
    "staff.manage": "管理工作人员",
    "ledger.export": "导出台账",
    "ledger.full_id": "导出含完整证件号码的台账",
    "settings.change": "修改设置",
    "calendar.change": "录入节假日安排",
    "journal.restore": "从备份恢复日志",
    "journal.manage": "备份、恢复、重建或取回日志",
    "case.read_full": "查看办件的完整信息",
    "device.setup": "重新设置本机",
    "sync.run": "与中心同步或导出离线数据包",
    "sms.send": "发送短信通知",
    "case.archive": "归档办件",
    "case.attach": "附加或移除材料扫描件",
}


class PermissionDenied(Exception):
    def __init__(self, staff_id: str, role: str, action: str) -> None:
        need = "、".join(ROLES[r] for r in sorted(PERMISSIONS[action]))
        super().__init__(f"{ROLES.get(role, role)} {staff_id} 无权{ACTION_ZH.get(action, action)}（需要：{need}）")
        self.action = action


def allowed(role: str, action: str) -> bool:
    return role in PERMISSIONS[action]
