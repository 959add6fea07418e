"""Which database a workspace uses: its SQLite file, or a PostgreSQL database named in its settings.

An upper-level workspace of a large union may keep its store on PostgreSQL. The folder then holds
``unionperf-database.json`` with the database's URL (``postgresql+psycopg://user@host/db``)
instead of ``unionperf.sqlite``; received packages, quarantine, keys and logs stay in the folder.
The URL never holds a password: libpq reads it from ``~/.pgpass``, a service file
(``?service=…``) or the ``PGPASSWORD`` variable.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from unionperf.store.paths import SETTINGS_NAME

POSTGRESQL_DRIVER = "postgresql+psycopg"


class DatabaseSettingsError(ValueError):
    """The database URL or the settings file is not usable (the message says why, in Chinese)."""


def check_url(text: str) -> str:
    """The URL with the psycopg driver; refused when not PostgreSQL or when it holds a password.

    Raises:
        DatabaseSettingsError: not a URL, not PostgreSQL, a password in it, or no database name.
    """
    try:
        url = make_url(text.strip())
    except ArgumentError as error:
        raise DatabaseSettingsError(
            f"数据库地址无法识别：{text}（应为 postgresql+psycopg://用户名@服务器/数据库名）"
        ) from error
    if url.get_backend_name() != "postgresql":
        raise DatabaseSettingsError(
            f"数据库地址须为 PostgreSQL（postgresql+psycopg://…），不是 {url.drivername}"
            "；不指定 --database 时使用工作区文件夹中的本机数据库文件"
        )
    if url.password is not None:
        raise DatabaseSettingsError(
            "数据库地址中不能包含密码（工作区设置不保存明文密码）：请把密码写入 ~/.pgpass"
            "（Windows：%APPDATA%\\postgresql\\pgpass.conf）、连接服务文件（?service=名称）"
            "或环境变量 PGPASSWORD，地址中只写用户名"
        )
    if not url.database:
        raise DatabaseSettingsError(f"数据库地址中缺少数据库名：{text}")
    return url.set(drivername=POSTGRESQL_DRIVER).render_as_string(hide_password=False)


def settings_path(root: Path) -> Path:
    """Where a workspace folder names its PostgreSQL database."""
    return root / SETTINGS_NAME


def read_url(root: Path) -> str | None:
    """The PostgreSQL URL the workspace at ``root`` names (``None``: it uses its SQLite file).

    Raises:
        DatabaseSettingsError: the settings file cannot be read or holds no usable URL.
    """
    path = settings_path(root)
    if not path.is_file():
        return None
    try:
        settings = json.loads(path.read_text(encoding="utf-8"))
        url = settings["url"]
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as error:
        raise DatabaseSettingsError(f"工作区数据库设置文件无法读取：{path}（{error}）") from error
    if not isinstance(url, str):
        raise DatabaseSettingsError(f"工作区数据库设置文件中的地址不是文字：{path}")
    return check_url(url)


def write_url(root: Path, url: str) -> None:
    """Name the workspace's PostgreSQL database in its settings (the URL checked first)."""
    text = json.dumps({"url": check_url(url)}, ensure_ascii=False, indent=2)
    settings_path(root).write_text(text + "\n", encoding="utf-8")


def display_url(url: str) -> str:
    """The URL as shown to people (never with a password, though none is stored)."""
    return make_url(url).render_as_string(hide_password=True)
