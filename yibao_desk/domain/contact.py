"""When the applicant's phone is required: where the region's guide promises SMS notices of the case (seed 000:
受理、办理等以短信方式通知). A result to be mailed needs the recipient's phone, which the mailing address holds
(domain.mailing)."""

from __future__ import annotations


def phone_required(sms_notices: bool) -> str | None:
    """Why the applicant's phone must be filled in (None: it may stay empty)."""
    if sms_notices:
        return "本地办事指南以短信通知受理、办理结果：请填写申请人手机号码"
    return None
