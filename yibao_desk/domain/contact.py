"""When the applicant's phone is required: where the region's guide promises SMS notices of the case (seed 000:
受理、办理等以短信方式通知), and where the result is mailed (the post needs a number to call)."""

from __future__ import annotations


def phone_required(sms_notices: bool, delivery: str | None) -> str | None:
    """Why the applicant's phone must be filled in (None: it may stay empty)."""
    if sms_notices:
        return "本地办事指南以短信通知受理、办理结果：请填写申请人手机号码"
    if delivery == "mail":
        return "结果邮寄需联系电话：请填写申请人手机号码"
    return None
