"""A 身份证阅读器 SDK in C, built in the test run with the machine's cc: it exports the functions of termb.dll /
libtermb.so (CVR_InitComm, CVR_Authenticate, CVR_Read_Content, the Get* functions with GBK text, GetBMPData,
CVR_CloseComm) and answers from environment variables read at each call, so one library plays every case:
FAKE_TERMB_PORT (the port where the reader is; 0: none), FAKE_TERMB_CARD (ok / expired / long / none / readfail)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

CARDS: dict[str, list[str]] = {
    # 姓名, 性别, 民族, 出生, 住址, 公民身份号码, 签发机关, 有效期起始, 有效期截止
    "ok": ["王小明", "男", "汉", "19800229", "湖南省沅江市琼湖街道桔城社区12号", "430981198002290034", "沅江市公安局",
           "20200301", "20400301"],
    "expired": ["李建国", "男", "汉", "19491231", "北京市西城区金融大街1号", "11010519491231002X",
                "北京市公安局西城分局", "20050101", "20250101"],
    "long": ["欧阳文华", "女", "土家", "19551010", "湖南省益阳市赫山区龙岭大道8号", "430902195510100023",
             "益阳市公安局赫山分局", "20100101", "长期"],
}  # fmt: skip
PHOTO = b"BM" + bytes(range(54)) + b"\x10\x20\x30" * 100  # not a real portrait: the bytes are what the test checks


def _c_string(text: str) -> str:
    return '"' + "".join(f"\\x{b:02x}" for b in text.encode("gbk")) + '"'


def _source() -> str:
    rows = []
    for key, fields in CARDS.items():
        rows.append(f'  {{"{key}", {{{", ".join(_c_string(f) for f in fields)}}}}},')
    photo = ", ".join(str(b) for b in PHOTO)
    return f"""
#include <stdlib.h>
#include <string.h>
struct card {{ const char *key; const char *f[9]; }};
static const struct card cards[] = {{
{chr(10).join(rows)}
}};
static const unsigned char photo[] = {{ {photo} }};
static int opened = 0, read_ok = 0;
static const char *env(const char *k, const char *d) {{ const char *v = getenv(k); return v ? v : d; }}
static const struct card *current(void) {{
  const char *k = env("FAKE_TERMB_CARD", "ok");
  for (unsigned i = 0; i < sizeof cards / sizeof cards[0]; i++) if (!strcmp(cards[i].key, k)) return &cards[i];
  return 0;
}}
int CVR_InitComm(int port) {{ opened = port == atoi(env("FAKE_TERMB_PORT", "1001")); return opened ? 1 : 0; }}
int CVR_CloseComm(void) {{ opened = 0; read_ok = 0; return 1; }}
int CVR_Authenticate(void) {{ return opened && current() != 0 ? 1 : 0; }}
int CVR_Read_Content(int active) {{
  read_ok = opened && current() != 0 && strcmp(env("FAKE_TERMB_READ", "ok"), "fail") != 0 && active == 1;
  return read_ok ? 1 : 0;
}}
static int give(int i, char *buf, int *len) {{
  if (!read_ok) return 0;
  const char *s = current()->f[i];
  int n = (int)strlen(s);
  if (n + 1 > *len) return 0;
  memcpy(buf, s, n + 1);
  *len = n;
  return 1;
}}
int GetPeopleName(char *b, int *l) {{ return give(0, b, l); }}
int GetPeopleSex(char *b, int *l) {{ return give(1, b, l); }}
int GetPeopleNation(char *b, int *l) {{ return give(2, b, l); }}
int GetPeopleBirthday(char *b, int *l) {{ return give(3, b, l); }}
int GetPeopleAddress(char *b, int *l) {{ return give(4, b, l); }}
int GetPeopleIDCode(char *b, int *l) {{ return give(5, b, l); }}
int GetDepartment(char *b, int *l) {{ return give(6, b, l); }}
int GetStartDate(char *b, int *l) {{ return give(7, b, l); }}
int GetEndDate(char *b, int *l) {{ return give(8, b, l); }}
int GetBMPData(unsigned char *b, int *l) {{
  if (!read_ok || (int)sizeof photo > *l) return 0;
  memcpy(b, photo, sizeof photo);
  *l = (int)sizeof photo;
  return 1;
}}
"""


def build(folder: Path) -> Path | None:
    """libtermb.so built in `folder` (None: no C compiler on this machine)."""
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        return None
    source = folder / "fake_termb.c"
    source.write_text(_source(), encoding="ascii")
    out = folder / "libtermb.so"
    subprocess.run([cc, "-shared", "-fPIC", "-O1", "-o", str(out), str(source)], check=True, capture_output=True)
    return out


def built_or_skip(folder: Path) -> Path:
    """The library, or the test skipped with the reason (a machine without a C compiler)."""
    import pytest

    built = build(folder)
    if built is None:
        pytest.skip("这台机器没有 C 编译器（cc），无法生成模拟读卡器动态库")
    return built
