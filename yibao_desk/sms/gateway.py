"""A generic HTTP SMS gateway: the office's SMS platform called with the request its documentation asks for —
URL, method and a JSON body template (settings sms_gateway_*); the URL's account and password (kept apart from
the journal, as the sync target's) go as HTTP basic authentication and as {username} / {password}."""

from __future__ import annotations

import base64
import http.client
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from yibao_desk.domain.sms import body_problem, fill_body

TIMEOUT_SECONDS = 10


class GatewayError(Exception):
    """The gateway did not take the message; the message says why, in Chinese, without the password. `unknown`: the
    gateway had the request and did not answer (a timeout, a broken reply) — it may have sent it, so the notice is
    left 发送结果不明 for a person, never tried again by itself."""

    def __init__(self, message: str, unknown: bool = False) -> None:
        super().__init__(message)
        self.unknown = unknown


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect would turn the POST into a GET without the message (counted as sent) and carry the password to
    another address: refused, with where it points."""

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> None:
        where = urllib.parse.urlsplit(newurl)
        raise GatewayError(f"短信网关地址已转到 {where.scheme}://{where.hostname}{where.path}：请在设置中改为新地址")


_OPENER = urllib.request.build_opener(_NoRedirect)


@dataclass(frozen=True)
class HttpGateway:
    url: str  # with its password, as settings.read_all gives it
    method: str = "POST"
    body: str = '{"mobile": "{phone}", "content": "{text}", "msgid": "{id}"}'
    success: str = ""  # "key=value" the reply's JSON must hold; "" → any 2xx
    ref_field: str = ""

    @classmethod
    def from_settings(cls, values: Mapping[str, Any]) -> HttpGateway:
        url = str(values.get("sms_gateway_url") or "")
        if not url:
            raise GatewayError("未设置短信网关地址（设置 → 短信网关地址），或改为手工发送")
        problem = body_problem(str(values.get("sms_gateway_body") or ""))
        if problem:
            raise GatewayError(f"短信网关请求内容{problem}")
        return cls(
            url,
            str(values.get("sms_gateway_method") or "POST"),
            str(values["sms_gateway_body"]),
            str(values.get("sms_gateway_success") or ""),
            str(values.get("sms_gateway_ref") or ""),
        )

    def _split(self) -> tuple[str, str, str]:
        parts = urllib.parse.urlsplit(self.url)
        user = urllib.parse.unquote(parts.username or "")
        password = urllib.parse.unquote(parts.password or "")
        netloc = (parts.hostname or "").encode("idna").decode("ascii")
        if parts.port:
            netloc += f":{parts.port}"
        path = urllib.parse.quote(parts.path, safe="/%:@!$&'()*+,;=-._~")
        query = urllib.parse.quote(parts.query, safe="=&%+/:,;@!$'()*-._~")
        return urllib.parse.urlunsplit(parts._replace(netloc=netloc, path=path, query=query)), user, password

    def request(self, notice_id: str, case_number: str, phone: str, text: str) -> urllib.request.Request:
        url, user, password = self._split()
        values = {"phone": phone, "text": text, "id": notice_id, "case_number": case_number}
        values.update(username=user, password=password)
        body = fill_body(self.body, values)
        headers = {"Accept": "application/json"}
        if user:
            token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
            headers["Authorization"] = f"Basic {token}"
        if self.method == "GET":
            query = urllib.parse.urlencode({k: v if isinstance(v, str) else json.dumps(v) for k, v in body.items()})
            sep = "&" if "?" in url else "?"
            return urllib.request.Request(f"{url}{sep}{query}", headers=headers, method="GET")
        headers["Content-Type"] = "application/json; charset=utf-8"
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        return urllib.request.Request(url, data=data, headers=headers, method=self.method)

    def send(self, notice_id: str, case_number: str, phone: str, text: str) -> str:
        """Send one message; the gateway's message id ("" when it gives none), or GatewayError."""
        try:
            req = self.request(notice_id, case_number, phone, text)
        except (ValueError, UnicodeError) as e:
            raise GatewayError(f"短信网关地址不能使用（{self._hide(str(e))}）：请在设置中检查短信网关地址") from None
        where = urllib.parse.urlsplit(req.full_url).hostname or "网关"
        try:
            with _OPENER.open(req, timeout=TIMEOUT_SECONDS) as reply:
                raw = reply.read(65536)
        except GatewayError:
            raise
        except urllib.error.HTTPError as e:
            detail = self._hide(e.read(300).decode("utf-8", "replace").strip())
            raise GatewayError(f"短信网关 {where} 拒绝：HTTP {e.code}{('：' + detail) if detail else ''}") from None
        except urllib.error.URLError as e:  # while connecting and sending: refused, no such host, no connection …
            raise GatewayError(f"连不上短信网关 {where}：{self._hide(str(e.reason))}") from None
        except (TimeoutError, http.client.HTTPException, OSError) as e:  # it had the request: it may have sent it
            why = "超时未答复" if isinstance(e, TimeoutError) else f"答复不完整（{type(e).__name__}）"
            raise GatewayError(f"短信网关 {where} {why}，可能已发出", unknown=True) from None
        return self._check(raw, where)

    def _hide(self, text: str) -> str:
        password = urllib.parse.unquote(urllib.parse.urlsplit(self.url).password or "")
        return text.replace(password, "***") if password else text

    def _check(self, raw: bytes, where: str) -> str:
        text = raw.decode("utf-8", "replace")
        if not (self.success or self.ref_field):
            return ""
        try:
            reply = json.loads(text)
        except ValueError:
            reply = None
        if self.success:
            key, _, want = self.success.partition("=")
            got: Any = reply
            for part in key.strip().split("."):  # result.code: a key inside an object
                got = got.get(part) if isinstance(got, dict) else None
            shown = json.dumps(got, ensure_ascii=False) if isinstance(got, bool) else str(got)  # true, not True
            if got is None or shown.strip('"').lower() != want.strip().lower():
                raise GatewayError(f"短信网关 {where} 未发送（回复：{self._hide(text[:200])}）")
        ref = reply.get(self.ref_field) if isinstance(reply, dict) and self.ref_field else None
        return str(ref) if ref is not None else ""
