"""Who may use an app served beyond this computer: a `PAPERCHAT_USERS` file of `user:password` lines.

With no file the app has one user (`ui.history.LOCAL_USER`) and no login. With
one, Gradio asks for a login and each handler gets the user's name from the
request, which keys everything saved per user (conversations, the open one).
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Callable
from pathlib import Path

from rag.errors import SettingsError

_NAME = re.compile(r"^[A-Za-z0-9._@-]{1,64}$")


def load_users(path: Path) -> dict[str, str]:
    """user → password from `user:password` lines; blank lines and `#` comments are skipped."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise SettingsError(f"PAPERCHAT_USERS={path}: cannot read it ({error.strerror}); fix the path or unset it") from None
    users: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, colon, password = line.partition(":")
        if not colon or not _NAME.match(name) or not password:
            raise SettingsError(
                f"{path}:{number}: write `user:password` (user: letters, digits, . _ @ -; password not empty)"
            )
        if name in users:
            raise SettingsError(f"{path}:{number}: user {name!r} is listed twice; keep one line per user")
        users[name] = password
    if not users:
        raise SettingsError(f"{path} lists no user; add `user:password` lines or unset PAPERCHAT_USERS")
    return users


def login_check(users: dict[str, str]) -> Callable[[str, str], bool]:
    """Gradio's `auth` callable; compares in constant time so a wrong password's timing says nothing."""

    def check(username: str, password: str) -> bool:
        expected = users.get(username)
        return expected is not None and hmac.compare_digest(expected.encode(), (password or "").encode())

    return check
