"""Amounts in capital Chinese numerals as financial forms write them: 123.45 → 壹佰贰拾叁元肆角伍分."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_UNITS = ["", "拾", "佰", "仟"]
_GROUPS = ["", "万", "亿", "万亿"]


def _four(n: int) -> str:
    """0 < n < 10000, with 零 between non-adjacent digits."""
    out, zero = "", False
    for pos in range(3, -1, -1):
        d = n // 10**pos % 10
        if d == 0:
            zero = bool(out)
        else:
            if zero:
                out += "零"
                zero = False
            out += _DIGITS[d] + _UNITS[pos]
    return out


def yuan_capital(amount: object) -> str:
    try:
        value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        raise ValueError(f"金额格式不对：{amount!r}") from None
    if value < 0:
        return "负" + yuan_capital(-value)
    if value >= Decimal("1e16"):
        raise ValueError("金额过大")
    cents = int(value * 100)
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    parts: list[str] = []
    group = 0
    need_zero = False
    while yuan:
        chunk = yuan % 10000
        if chunk:
            text = _four(chunk) + _GROUPS[group]
            if need_zero:
                text += "零"
            parts.insert(0, text)
            need_zero = chunk < 1000
        elif parts:
            need_zero = True
        yuan //= 10000
        group += 1
    integer = "".join(parts).rstrip("零")
    if not integer and not (jiao or fen):
        return "零元整"
    out = integer + "元" if integer else ""
    if jiao:
        out += _DIGITS[jiao] + "角"
    elif fen and integer:
        out += "零"
    if fen:
        out += _DIGITS[fen] + "分"
    return out if (jiao or fen) else out + "整"
