"""The one redaction applied to everything paperchat shows or logs that can carry an endpoint or a key.

Endpoints carry credentials in more places than the key variable: `http://user:TOKEN@host/v1`,
`…/v1?api-key=TOKEN` (Azure-style), a SAS `sig=`, an `Authorization: Bearer …` header echoed in an
error. Every user-visible string that may hold one (settings views, `/config`, `paperchat status`,
fallback notices, log records, error messages) goes through `redact`, so a new place cannot forget
one of the forms. Over-redaction is the safe failure: a harmless `monkey=1` becomes `monkey=***`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from urllib.parse import parse_qsl, quote, unquote, urlsplit

MASK = "***"
MIN_SECRET_CHARS = 4  # a 1-3 character "secret" would mask ordinary words everywhere

# A parameter whose name ends like a credential: api-key, api_key, apikey, key, token, access_token,
# sig, signature, secret, client_secret, password, pwd, auth, credential, x-api-key, subscription-key…
_SECRET_NAME = r"[\w.-]*?(?:key|token|secret|sig|signature|password|passwd|pwd|auth|credentials?)"
_QUERY_SECRET = re.compile(rf"(?i)(?<![\w.-])({_SECRET_NAME})=([^&#\s\"'<>]+)")
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s@?#\"'<>]+@")
_AUTH_HEADER = re.compile(
    r"(?i)\b((?:proxy-)?authorization|x-api-key|api-key)([\"']?\s*[:=]\s*[\"']?)([^\"'\r\n,}&#]+)"
)
_BEARER = re.compile(r"(?i)\b(bearer|basic|token)\s+[A-Za-z0-9._~+/=-]{8,}")
_OPENAI_STYLE_KEY = re.compile(r"\bsk-[A-Za-z0-9_-]{16,}")


def redact(text: str, secrets: Iterable[str | None] = ()) -> str:
    """`text` with URL userinfo, credential-named parameters, Authorization headers, bearer tokens,
    OpenAI-style keys and each of `secrets` (also percent-encoded) replaced by `***`."""
    if not text:
        return text
    for secret in secrets:
        if secret and len(secret) >= MIN_SECRET_CHARS:
            for form in {secret, quote(secret, safe=""), quote(secret)}:
                text = text.replace(form, MASK)
    text = _USERINFO.sub(rf"\1{MASK}@", text)
    text = _QUERY_SECRET.sub(rf"\1={MASK}", text)
    text = _AUTH_HEADER.sub(rf"\1\2{MASK}", text)
    text = _BEARER.sub(rf"\1 {MASK}", text)
    return _OPENAI_STYLE_KEY.sub(MASK, text)


def url_secrets(url: str | None) -> list[str]:
    """The credential parts of an endpoint URL (user, password, credential-named query values), for `redact`:
    they may reappear apart from the URL, e.g. decoded into an error message."""
    if not url:
        return []
    try:
        parts = urlsplit(url)
        found = [parts.username, parts.password]
    except ValueError:
        return []
    found += [value for name, value in parse_qsl(parts.query) if re.fullmatch(f"(?i){_SECRET_NAME}", name)]
    return [unquote(value) for value in found if value]


class RedactingFilter(logging.Filter):
    """Redacts every record a handler emits, arguments and traceback text included."""

    def __init__(self, secrets: Iterable[str | None] = ()) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text, self.secrets)
        record.msg, record.args = redact(message, self.secrets), None
        return True


def redact_logs(secrets: Iterable[str | None] = ()) -> None:
    """Put a RedactingFilter on the root logger's handlers and on `logging.lastResort` (which prints warnings
    when no handler is configured), so library records are redacted too: httpx logs request URLs."""
    wanted = list(secrets)
    handlers = [*logging.getLogger().handlers, logging.lastResort]
    for handler in handlers:
        if handler is not None and not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter(wanted))
