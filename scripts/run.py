"""Start the Procfile's processes with honcho, reading .env the way jobtracker's settings do:
a variable already in the environment wins over .env.

honcho reads .env itself and lets the file override the environment, so
`DEBUG=true make run` silently ran with the DEBUG=false of .env. Here .env is loaded first
with django-environ's `read_env` (which keeps variables already set, like settings.py does),
and honcho is told to read no file. Arguments go to `honcho start`:

    python scripts/run.py [--env-file .env] -- -f Procfile -p 8000 web worker
"""

import argparse
import os
import sys
from pathlib import Path

import environ
from honcho.command import main as honcho

ROOT = Path(__file__).resolve().parent.parent


def load_env_file(path: Path) -> None:
    """Set each variable of the file that the environment does not set already."""
    if path.is_file():
        environ.Env.read_env(path, overwrite=False)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--env-file", type=Path, default=ROOT / ".env")
    args, rest = parser.parse_known_args(argv)
    if rest[:1] == ["--"]:
        rest = rest[1:]
    load_env_file(args.env_file)
    # The Procfile says `python` and `gunicorn`: the ones next to this interpreter (the venv).
    bin_dir = str(Path(sys.executable).parent)
    os.environ["PATH"] = os.pathsep.join([bin_dir, os.environ.get("PATH", "")])
    honcho(["start", "--env", os.devnull, *rest])


if __name__ == "__main__":
    main(sys.argv[1:])
