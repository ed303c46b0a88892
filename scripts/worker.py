"""Run django-q2's `qcluster` so that SIGTERM or SIGINT (Ctrl-C) stops it within seconds.

Why it is needed: honcho (`make run`), and other process managers, stop a process by
signalling its whole process group. qcluster's helper processes (sentinel, pusher, monitor,
workers) take SIGTERM's default action and die at once; the sentinel usually dies while it
waits on the cluster's stop event (a multiprocessing Condition). qcluster's main process,
also told to stop, then calls `stop_event.set()`, whose notify waits for that dead waiter to
wake up: forever. It only went with honcho's SIGKILL, five seconds later.

So qcluster runs here in a session of its own, out of reach of group signals. This process
passes a stop signal to qcluster's main process only, which stops its helpers in order, and
kills whatever is left after --stop-seconds (a task cut short is retried by the queue). If
this process is killed, qcluster gets SIGTERM from the kernel (Linux's parent-death signal).

    python scripts/worker.py [--stop-seconds 4] [qcluster arguments]
"""

import argparse
import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

MANAGE = Path(__file__).resolve().parent.parent / "manage.py"
PR_SET_PDEATHSIG = 1


def _stop_with_parent() -> None:
    """In the child before exec: SIGTERM when this process dies (Linux only)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # honcho sends SIGKILL five seconds after SIGTERM: finish before it.
    parser.add_argument("--stop-seconds", type=float, default=4.0)
    args, rest = parser.parse_known_args(argv)
    child = subprocess.Popen(
        [sys.executable, str(MANAGE), "qcluster", *rest],
        start_new_session=True,
        preexec_fn=_stop_with_parent if sys.platform.startswith("linux") else None,
    )
    deadline: list[float] = []

    def stop(signum, frame) -> None:
        if deadline:  # a second Ctrl-C: no more waiting
            deadline[0] = 0.0
            return
        deadline.append(time.monotonic() + args.stop_seconds)
        with contextlib.suppress(ProcessLookupError):
            os.kill(child.pid, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    while True:
        try:
            code = child.wait(timeout=0.2)
            break
        except subprocess.TimeoutExpired:
            if deadline and time.monotonic() > deadline[0]:
                # The main process is not reaped yet, so its group id is still its own.
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(child.pid, signal.SIGKILL)
    return 128 - code if code < 0 else code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
