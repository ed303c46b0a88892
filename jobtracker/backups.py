"""Consistent snapshots of the database, and the way back.

SQLite: the online backup API copies a consistent image while the app keeps running.
PostgreSQL: `pg_dump --format=custom` (a consistent snapshot by MVCC), restored with
`pg_restore --clean --if-exists --single-transaction`.
"""

import logging
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections

logger = logging.getLogger(__name__)


class BackupError(Exception):
    """A backup or restore could not be made; the message says why."""


def _pg_env_and_args(alias: str) -> tuple[dict, list[str]]:
    s = connections[alias].settings_dict
    env = {**os.environ}
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = str(s["PASSWORD"])
    args = []
    if s.get("HOST"):
        args += ["--host", str(s["HOST"])]
    if s.get("PORT"):
        args += ["--port", str(s["PORT"])]
    if s.get("USER"):
        args += ["--username", str(s["USER"])]
    args += ["--dbname", str(s["NAME"])]
    return env, args


def _require(tool: str) -> str:
    path = shutil.which(tool)
    if not path:
        raise BackupError(f"{tool} is not installed (Debian: apt-get install postgresql-client)")
    return path


def backup(target: Path, alias: str = "default") -> Path:
    """Write a consistent snapshot of the database to `target`; returns the path written."""
    connection = connections[alias]
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        partial = target.with_name(target.name + ".partial")
        dest = sqlite3.connect(partial)
        try:
            connection.connection.backup(dest)
        finally:
            dest.close()
        partial.replace(target)  # never leave a half-written file under the final name
    elif connection.vendor == "postgresql":
        env, args = _pg_env_and_args(alias)
        cmd = [_require("pg_dump"), "--format=custom", "--no-owner", "--file", str(target), *args]
        result = subprocess.run(cmd, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    else:
        raise BackupError(f"backups of {connection.vendor} databases are not supported")
    logger.info("backup written path=%s bytes=%s", target, target.stat().st_size)
    return target


def restore(source: Path, alias: str = "default") -> None:
    """Replace the database's contents with the snapshot in `source`."""
    connection = connections[alias]
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"no backup file at {source}")
    if connection.vendor == "sqlite":
        with open(source, "rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                raise BackupError(f"{source} is not a SQLite backup")
        connection.ensure_connection()
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            src.backup(connection.connection)
        finally:
            src.close()
    elif connection.vendor == "postgresql":
        env, args = _pg_env_and_args(alias)
        connection.close()  # pg_restore needs the tables without our open transaction
        cmd = [
            _require("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            *args,
            str(source),
        ]
        result = subprocess.run(cmd, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
    else:
        raise BackupError(f"restores of {connection.vendor} databases are not supported")
    logger.info("restored from path=%s", source)
