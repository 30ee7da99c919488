from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yibao_desk.domain.validators import (
    VALIDATORS,
    validate_bank_card,
    validate_credit_code,
    validate_division_code,
    validate_id_number,
    validate_phone,
    validate_postcode,
)

TODAY = dt.date(2026, 11, 25)


@pytest.mark.parametrize(
    ("number", "birth", "sex"),
    [
        ("110101199003074477", "1990-03-07", "男"),
        ("11010519491231002X", "1949-12-31", "女"),
        ("11010519491231002x", "1949-12-31", "女"),  # lower-case x accepted
        ("430981198002290034", "1980-02-29", "男"),  # 沅江市 code created after birth: still valid (DOMAIN-NOTES)
        ("440524188001010014", "1880-01-01", "男"),
    ],
)
def test_valid_id_numbers(number: str, birth: str, sex: str) -> None:
    r = validate_id_number(number, TODAY)
    assert r.valid, r.message
    assert r.normalized == number.upper()
    assert r.derived["birth_date"] == birth
    assert r.derived["sex"] == sex


def test_stdnum_alone_would_refuse_a_real_person() -> None:
    from stdnum.cn import ric

    assert not ric.is_valid("430981198002290034")
    assert validate_id_number("430981198002290034", TODAY).valid


def test_id_derives_age_and_division() -> None:
    r = validate_id_number("430981198002290034", TODAY)
    assert r.derived["age"] == 46
    assert r.derived["division"] == "湖南省沅江市"


@pytest.mark.parametrize(
    ("number", "fragment"),
    [
        ("110101199003074478", "校验位"),
        ("110101199002304477", "不存在"),  # 30 February
        ("110101203003074477", "晚于今天"),
        ("11010119900307447", "18位"),
        ("11010119900307447A", "最后一位"),
        ("", "请输入"),
    ],
)
def test_invalid_id_numbers(number: str, fragment: str) -> None:
    r = validate_id_number(number, TODAY)
    assert not r.valid
    assert fragment in r.message


def test_fifteen_digit_number_is_upgraded_with_a_warning() -> None:
    r = validate_id_number("430981800229003", TODAY)
    assert r.valid
    assert r.normalized == "430981198002290034"
    assert any("15位" in w for w in r.warnings)


def test_unknown_division_is_only_a_warning() -> None:
    # 43 is Hunan; 439999 is no county. Build a number with a correct check digit.
    from stdnum.cn import ric

    body = "43999919800101001"
    number = body + ric.calc_check_digit(body + "0")
    r = validate_id_number(number, TODAY)
    assert r.valid
    assert r.warnings


def test_credit_code() -> None:
    assert validate_credit_code("91110000600037341L").valid
    bad = validate_credit_code("91110000600037341M")
    assert not bad.valid and "校验位" in bad.message
    assert "不使用" in validate_credit_code("9111000060003734IL").message
    assert "18位" in validate_credit_code("9111").message


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("13800138000", "mobile"),
        ("+86 138-0013-8000", "mobile"),
        ("0737-2817103", "landline"),
        ("07372817103", "landline"),
    ],
)
def test_valid_phones(value: str, kind: str) -> None:
    r = validate_phone(value)
    assert r.valid and r.derived["kind"] == kind


@pytest.mark.parametrize("value", ["12345678901", "2817103", "abc", "", "1380013800"])
def test_invalid_phones(value: str) -> None:
    assert not validate_phone(value).valid


def test_bank_card_luhn_and_passbook_override() -> None:
    assert validate_bank_card("6222 0212 3456 7897").valid is luhn_ok("6222021234567897")
    assert validate_bank_card("4111111111111111").valid
    bad = validate_bank_card("4111111111111112")
    assert not bad.valid and bad.overridable
    override = validate_bank_card("4111111111111112", passbook=True)
    assert override.valid and override.warnings
    assert "16-19位" in validate_bank_card("411111").message


def luhn_ok(number: str) -> bool:
    from stdnum import luhn

    return bool(luhn.is_valid(number))


def test_postcode_and_division() -> None:
    assert validate_postcode("413100").valid
    assert not validate_postcode("41310").valid
    assert validate_division_code("430981").derived["division"] == "湖南省沅江市"
    assert not validate_division_code("990000").valid


@given(st.one_of(st.text(), st.integers(), st.none(), st.binary()))
def test_no_validator_raises_on_any_input(value: object) -> None:
    for validate in VALIDATORS.values():
        r = validate(value)
        assert isinstance(r.message, str) and r.message


@given(st.text(alphabet="0123456789Xx", min_size=15, max_size=18))
def test_id_validator_never_raises_on_digit_strings(value: str) -> None:
    r = validate_id_number(value, TODAY)
    if r.valid:
        assert len(r.normalized) == 18


@pytest.mark.parametrize(
    ("value", "normalized"),
    [
        ("0737-2817103", "0737-2817103"),
        ("0737 281 7103", "0737-2817103"),
        ("0737-2817103转123", "0737-2817103-123"),
        ("07372817103转123", "0737-2817103-123"),
        ("010-12345678", "010-12345678"),  # Beijing: a 3-digit area code and an 8-digit number
        ("01012345678", "010-12345678"),
        ("(021)62345678", "021-62345678"),
        ("０７３７－２８１７１０３", "0737-2817103"),  # typed in full-width mode
        ("１３８００１３８０００", "13800138000"),
        ("+86-138-0013-8000", "13800138000"),
    ],
)
def test_a_phone_is_recorded_as_it_reads_and_stays_so(value: str, normalized: str) -> None:
    """Found in review: validating a normalized landline again moved its extension into the number
    (0737-2817103-123 → 0737-28171031-23) and 010-12345678 read as 0101-2345678 — the journal normalizes what the
    screen already had, so an address's phone came out wrong on the label."""
    first = validate_phone(value)
    assert first.valid and first.normalized == normalized
    assert validate_phone(first.normalized).normalized == normalized


def test_an_extension_without_its_separator_is_asked_for() -> None:
    r = validate_phone("07372817103123")
    assert not r.valid and "分机号请用“转”隔开" in r.message
