"""What `make run` starts (scripts/run.py → honcho → the Procfile): the environment wins over
.env, and Ctrl-C stops web and worker within seconds (no SIGKILL from honcho).

Real processes on a free port, with SQLite in a temporary directory; bounded by timeouts."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PYTHON = sys.executable

pytestmark = [
    pytest.mark.skipif(
        not Path("/proc/self/environ").exists(), reason="needs Linux process groups and /proc"
    ),
    pytest.mark.slow,  # starts real processes (collectstatic, migrate, honcho): CI runs it once
]


def production_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The settings `make run` uses, pointed at a scratch SQLite database. DATABASE_URL is set
    explicitly: otherwise a developer's own .env could point this at their real database."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "PYTEST", "Q_", "DATABASE_URL", "HTTP_ALLOW"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="jobtracker.settings",
        DATA_DIR=str(data_dir),
        DATABASE_URL=f"sqlite:///{data_dir / 'db.sqlite3'}",
        SECRET_KEY="make-run-test-" + "x" * 50,
        Q_WORKERS="1",
        **extra,
    )
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def processes_with(marker: str) -> list[int]:
    """Pids whose environment holds `marker` (what this test started, wherever it went)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if marker.encode() in (entry / "environ").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def wait_for(predicate, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_variables_from_the_environment_win_over_the_env_file(tmp_path):
    (tmp_path / ".env").write_text("JT_PROBE=from-file\nJT_ONLY_IN_FILE=file\n")
    (tmp_path / "Procfile").write_text('probe: echo "probe=$JT_PROBE only=$JT_ONLY_IN_FILE"\n')
    result = subprocess.run(
        [PYTHON, "scripts/run.py", "--env-file", str(tmp_path / ".env"), "--", "--no-prefix",
         "-f", str(tmp_path / "Procfile"), "probe"],
        cwd=ROOT,
        env={**production_env(tmp_path), "JT_PROBE": "from-env"},
        capture_output=True,
        text=True,
        timeout=30,
    )  # fmt: skip
    assert "probe=from-env only=file" in result.stdout, result.stdout + result.stderr


def test_ctrl_c_stops_web_and_worker_within_seconds(tmp_path):
    marker = f"JT_RUN_TEST={tmp_path.name}"
    env = production_env(tmp_path, JT_RUN_TEST=tmp_path.name)
    for command in ("collectstatic", "migrate"):  # as `make setup` does
        subprocess.run(
            [PYTHON, "manage.py", command, "--noinput", "-v0"],
            cwd=ROOT, env=env, check=True, timeout=120, capture_output=True,
        )  # fmt: skip
    log_path = tmp_path / "run.log"
    with log_path.open("wb") as log:
        run = subprocess.Popen(
            [PYTHON, "scripts/run.py", "--env-file", str(tmp_path / "none.env"), "--",
             "--no-prefix", "-f", "Procfile", "-p", str(free_port()), "web", "worker"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    try:
        started = wait_for(
            lambda: "Listening at" in log_path.read_text() and " running." in log_path.read_text(),
            60,
        )
        assert started, log_path.read_text()
        began = time.monotonic()
        os.killpg(run.pid, signal.SIGINT)  # what a terminal sends on Ctrl-C
        run.wait(timeout=20)
        took = time.monotonic() - began
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
    out = log_path.read_text()
    assert "SIGKILL" not in out, out
    assert "has stopped" in out, out  # the cluster stopped in order
    assert took < 8, out
    assert wait_for(lambda: not processes_with(marker), 3), processes_with(marker)
