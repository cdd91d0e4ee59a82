"""Remembered sign-ins for the CLI (``branchdesk login``), one token per server URL,
kept in a file only its owner can read, until the token expires."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import orjson

from .models import now


def config_dir() -> Path:
    base = os.environ.get("BRANCHDESK_CONFIG") or os.path.join(
        os.environ.get("XDG_CONFIG_HOME") or os.path.expanduser("~/.config"), "branchdesk"
    )
    return Path(base)


def _path() -> Path:
    return config_dir() / "sessions.json"


def _load() -> dict:
    try:
        return orjson.loads(_path().read_bytes())
    except (FileNotFoundError, orjson.JSONDecodeError):
        return {}


def saved_token(url: str) -> str | None:
    entry = _load().get(url.rstrip("/"))
    if not entry or datetime.fromisoformat(entry["expires_at"]) <= now():
        return None
    return entry["token"]


def save_token(url: str, token: str, username: str, expires_at: datetime) -> Path:
    sessions = {k: v for k, v in _load().items() if datetime.fromisoformat(v["expires_at"]) > now()}
    sessions[url.rstrip("/")] = {
        "token": token,
        "username": username,
        "expires_at": expires_at.isoformat(),
    }
    path = _path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(orjson.dumps(sessions, option=orjson.OPT_INDENT_2))
    return path


def forget_token(url: str) -> str | None:
    sessions = _load()
    entry = sessions.pop(url.rstrip("/"), None)
    if entry is not None:
        _path().write_bytes(orjson.dumps(sessions, option=orjson.OPT_INDENT_2))
    return entry["token"] if entry else None
