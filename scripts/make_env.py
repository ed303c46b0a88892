"""Write a .env with fresh secrets, once. Never overwrites an existing file."""

import secrets
import sys
from pathlib import Path

from cryptography.fernet import Fernet

target = Path(sys.argv[1] if len(sys.argv) > 1 else ".env")
if target.exists():
    sys.exit(0)
example = Path(__file__).resolve().parent.parent / ".env.example"
lines = []
for line in example.read_text().splitlines():
    if line.startswith("SECRET_KEY="):
        line = f"SECRET_KEY={secrets.token_urlsafe(50)}"
    elif line.startswith("ENCRYPTION_KEY="):
        line = f"ENCRYPTION_KEY={Fernet.generate_key().decode()}"
    lines.append(line)
target.write_text("\n".join(lines) + "\n")
target.chmod(0o600)
print(f"wrote {target} with new secrets (keep it; back it up with your data)")
