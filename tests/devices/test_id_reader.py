"""Issue 18 §1: the ctypes backend loads a real shared library (built here from C) and reads a card through
CVR_InitComm / CVR_Authenticate / CVR_Read_Content and the Get* functions, the text GBK; port auto-detection;
无卡 / 读卡失败 / 未找到动态库 / no reader in words; the 结果文件 mode; an expired card is a problem."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.devices.fake_sdk import CARDS, PHOTO
from yibao_desk.devices.id_reader import ReaderError, open_reader
from yibao_desk.devices.id_reader_file import ResultFileReader
from yibao_desk.devices.id_reader_sdk import SdkReader
from yibao_desk.domain.id_card import card_problem

TODAY = dt.date(2026, 12, 7)


def test_a_card_is_read_through_the_sdk(fake_sdk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_TERMB_PORT", "1003")
    reader = SdkReader(str(fake_sdk))
    card = reader.read()
    assert reader.port == 1003 and "端口 1003" in reader.describe()  # found by trying 1001, 1002, 1003
    assert (card.name, card.sex, card.nation, card.id_number) == ("王小明", "男", "汉", "430981198002290034")
    assert card.birth == dt.date(1980, 2, 29) and card.address == CARDS["ok"][4]
    assert card.authority == "沅江市公安局" and (card.valid_from, card.valid_to) == (
        dt.date(2020, 3, 1),
        dt.date(2040, 3, 1),
    )
    assert card.photo == PHOTO
    assert card_problem(card, TODAY) is None
    assert card.as_applicant()["id_valid_to"] == "2040-03-01"


def test_expired_and_long_term_cards(fake_sdk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reader = SdkReader(str(fake_sdk), "1001")
    monkeypatch.setenv("FAKE_TERMB_CARD", "expired")
    card = reader.read()
    assert card.id_number == "11010519491231002X"
    assert card_problem(card, TODAY) == "身份证已过期（有效期至 2025-01-01）：请申请人出示有效证件（如临时身份证）"
    monkeypatch.setenv("FAKE_TERMB_CARD", "long")
    card = reader.read()
    assert card.long_term and card.valid_to is None and card.nation == "土家"
    assert card_problem(card, TODAY) is None and card.validity_text() == "2010.01.01-长期"


def test_what_goes_wrong_is_said_in_words(fake_sdk: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FAKE_TERMB_CARD", "none")
    with pytest.raises(ReaderError, match="无卡：请把身份证平放在读卡器上") as e:
        SdkReader(str(fake_sdk)).read()
    assert e.value.kind == "no_card"
    monkeypatch.setenv("FAKE_TERMB_CARD", "ok")
    monkeypatch.setenv("FAKE_TERMB_READ", "fail")
    with pytest.raises(ReaderError, match="读卡失败"):
        SdkReader(str(fake_sdk)).read()
    monkeypatch.setenv("FAKE_TERMB_READ", "ok")
    monkeypatch.setenv("FAKE_TERMB_PORT", "0")
    with pytest.raises(ReaderError, match=r"未找到身份证阅读器（试过 USB 1001–1016、串口 1–16）"):
        SdkReader(str(fake_sdk)).read()
    with pytest.raises(ReaderError, match="未找到读卡器动态库") as e:
        SdkReader(str(tmp_path / "libnone.so"))
    assert e.value.kind == "library"
    with pytest.raises(ReaderError, match="读卡器端口应为 auto 或端口号"):
        SdkReader(str(fake_sdk), "COM3")
    assert SdkReader(str(fake_sdk), " AUTO ").port_setting == "auto"
    libc = next(p for p in ("libc.so.6", "libm.so.6"))
    with pytest.raises(ReaderError, match="不是身份证阅读器的 CVR 接口（缺少 CVR_InitComm"):
        SdkReader(libc)


def test_the_result_file_mode(tmp_path: Path) -> None:
    folder = tmp_path / "读卡"
    reader = open_reader({"id_reader": "file", "id_reader_folder": str(folder)})
    assert isinstance(reader, ResultFileReader)
    with pytest.raises(ReaderError, match="不存在"):
        reader.read()
    folder.mkdir()
    with pytest.raises(ReaderError, match="无卡"):
        reader.read()
    (folder / "wz.txt").write_bytes("\r\n".join(CARDS["expired"]).encode("gbk"))
    (folder / "zp.bmp").write_bytes(PHOTO)
    card = reader.read()
    assert card.name == "李建国" and card.photo == PHOTO and "已过期" in (card_problem(card, TODAY) or "")
    with pytest.raises(ReaderError, match="没有新读的身份证"):
        reader.read()  # the same file again is no new card
    later = ResultFileReader(folder)  # opened (a start, a settings save) with yesterday's file there
    with pytest.raises(ReaderError, match="没有新读的身份证"):
        later.read()  # an earlier person's card is never read into a new case
    import os

    stamp = (folder / "wz.txt").stat().st_mtime
    (folder / "wz.txt").write_bytes("\r\n".join(CARDS["ok"]).encode("gbk"))
    os.utime(folder / "wz.txt", (stamp + 2, stamp + 2))
    assert later.read().name == "王小明"
    assert open_reader({"id_reader": "none"}) is None
    with pytest.raises(ReaderError, match="没有设置结果文件所在的文件夹"):
        open_reader({"id_reader": "file"})


def test_a_library_that_is_there_but_does_not_load_says_why(tmp_path: Path) -> None:
    broken = tmp_path / "libtermb.so"
    broken.write_bytes(b"\x7fELF not really")  # a 32-bit or damaged library, as the clerk's IT found it
    with pytest.raises(ReaderError, match=r"读卡器动态库无法加载.*64 位"):
        SdkReader(str(broken))
