"""The PAPERCHAT_USERS file: `user:password` lines, a one-line error for each way it can be wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.errors import SettingsError
from ui.users import load_users, login_check


def test_users_file_and_login(tmp_path: Path) -> None:
    path = tmp_path / "users.txt"
    path.write_text("# team\nalice:s3cret:with:colons\n\nbob@lab:pw\n", encoding="utf-8")
    users = load_users(path)
    assert users == {"alice": "s3cret:with:colons", "bob@lab": "pw"}
    check = login_check(users)
    assert check("alice", "s3cret:with:colons") and check("bob@lab", "pw")
    assert not check("alice", "pw") and not check("carol", "pw") and not check("alice", "")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("alice\n", ":1: write `user:password`"),
        ("al ice:pw\n", ":1: write `user:password`"),
        ("alice:\n", ":1: write `user:password`"),
        ("alice:a\nalice:b\n", ":2: user 'alice' is listed twice"),
        ("# nobody\n", "lists no user"),
    ],
)
def test_bad_users_files_say_which_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "users.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SettingsError, match=message):
        load_users(path)
    with pytest.raises(SettingsError, match="cannot read it"):
        load_users(tmp_path / "missing.txt")
