"""A real Dovecot IMAP server on 127.0.0.1 for tests (plain and IMAPS), plus a proxy that
drops the connection after N bytes, to test a sync interrupted mid-fetch.

Accounts are written to the passwd-file up front (Dovecot misses a change made within the
second it last read the file), and each test takes a fresh one: its own empty mailbox.
The instance lives in a mkdtemp() directory with mode 755: Dovecot's unprivileged processes
must be able to traverse it, which pytest's 0700 tmp dirs forbid.
"""

import contextlib
import datetime
import grp
import imaplib
import ipaddress
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

DOVECOT = "/usr/sbin/dovecot"
PASSWORD = "imap-test-secret"
ACCOUNTS = 500  # one per test that needs a mailbox

CONFIG = """\
base_dir = {d}/run
state_dir = {d}/state
instance_name = pytest-{port}
log_path = {d}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <{d}/cert.pem
ssl_key = <{d}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {login_user}
mail_location = maildir:{d}/mail/%u
first_valid_uid = {uid}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {d}/passwd
}}
userdb {{
  driver = static
  args = uid={user} gid={group} home={d}/home/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
  # No auth penalty: after the wrong-password tests every login from 127.0.0.1 would wait.
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service stats {{
  unix_listener stats-reader {{
    user = {user}
  }}
  unix_listener stats-writer {{
    user = {user}
  }}
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _self_signed(directory: Path) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    (directory / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (directory / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )


class DovecotServer:
    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="jt-dovecot-"))
        os.chmod(self.dir, 0o755)
        self.port, self.tls_port = free_port(), free_port()
        self._users = itertools.count(1)
        self._lock = threading.Lock()
        if os.geteuid() == 0:
            user, group, login_user = "dovecot", "dovecot", "dovenull"
        else:
            user = login_user = pwd.getpwuid(os.getuid()).pw_name
            group = grp.getgrgid(os.getgid()).gr_name
        self._owner = (pwd.getpwnam(user).pw_uid, grp.getgrnam(group).gr_gid)
        for sub in ("run", "state", "mail", "home"):
            (self.dir / sub).mkdir()
        _self_signed(self.dir)
        accounts = (f"{self._user(n)}:{{PLAIN}}{PASSWORD}\n" for n in range(1, ACCOUNTS + 1))
        (self.dir / "passwd").write_text("".join(accounts))
        os.chmod(self.dir / "passwd", 0o644)
        os.chmod(self.dir / "key.pem", 0o644)
        self.conf = self.dir / "dovecot.conf"
        self.conf.write_text(
            CONFIG.format(d=self.dir, port=self.port, tls_port=self.tls_port, user=user,
                          group=group, login_user=login_user, uid=self._owner[0])
        )  # fmt: skip
        if os.geteuid() == 0:
            for sub in ("mail", "home"):
                os.chown(self.dir / sub, *self._owner)
        # No pipes: the daemon would inherit them and run() would wait for it forever.
        subprocess.run([DOVECOT, "-c", str(self.conf)], check=True, stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        try:
            self._wait()
        except Exception:
            self.stop()
            raise

    def _wait(self) -> None:
        deadline = time.monotonic() + 10
        while True:
            try:
                imaplib.IMAP4("127.0.0.1", self.port, timeout=1).logout()
                return
            except OSError:
                if time.monotonic() > deadline:
                    log = (self.dir / "dovecot.log").read_text(errors="replace")[-2000:]
                    raise RuntimeError(f"dovecot did not start: {log}") from None
                time.sleep(0.05)

    @property
    def cafile(self) -> str:
        return str(self.dir / "cert.pem")

    @staticmethod
    def _user(n: int) -> str:
        return f"user{n}@example.com"

    def add_user(self) -> str:
        """A fresh account nobody has used yet."""
        with self._lock:
            n = next(self._users)
        if n > ACCOUNTS:
            raise RuntimeError(f"all {ACCOUNTS} test accounts are used: raise ACCOUNTS")
        return self._user(n)

    def client(self, user: str) -> imaplib.IMAP4:
        client = imaplib.IMAP4("127.0.0.1", self.port, timeout=10)
        client.login(user, PASSWORD)
        return client

    def append(self, user: str, raw: bytes, folder: str = "INBOX", *, received=None) -> None:
        """APPEND, creating the folder if needed; `received` (epoch) sets INTERNALDATE."""
        client = self.client(user)
        try:
            if folder != "INBOX":
                client.create(folder)  # "NO: already exists" is fine
            when = imaplib.Time2Internaldate(received or time.time())
            status, data = client.append(folder, "", when, raw)
            assert status == "OK", data
        finally:
            client.logout()

    def recreate_folder(self, user: str, folder: str) -> None:
        """DELETE and CREATE: the folder comes back empty with a new UIDVALIDITY."""
        client = self.client(user)
        try:
            client.delete(folder)
            time.sleep(1.1)  # Dovecot derives UIDVALIDITY from the clock
            client.create(folder)
        finally:
            client.logout()

    def seen_flags(self, user: str, folder: str = "INBOX") -> list[bool]:
        client = self.client(user)
        try:
            client.select(folder, readonly=True)
            _, data = client.fetch("1:*", "(FLAGS)")
            return [b"\\Seen" in line for line in data if isinstance(line, bytes)]
        finally:
            client.logout()

    def stop(self) -> None:
        subprocess.run([DOVECOT, "-c", str(self.conf), "stop"], stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        shutil.rmtree(self.dir, ignore_errors=True)


class DroppingProxy:
    """Forwards 127.0.0.1:port to the server and cuts the connection after `limit` bytes
    from the server, like a network that drops in the middle of a FETCH."""

    def __init__(self, target_port: int, limit: int):
        self.target_port, self.limit = target_port, limit
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self._stop = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        self.sock.settimeout(0.2)
        while not self._stop.is_set():
            try:
                client, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            threading.Thread(target=self._pipe, args=(client, upstream, None), daemon=True).start()
            threading.Thread(
                target=self._pipe, args=(upstream, client, self.limit), daemon=True
            ).start()

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket, limit: int | None) -> None:
        sent = 0
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                if limit is not None and sent + len(data) > limit:
                    dst.sendall(data[: max(limit - sent, 0)])
                    break
                dst.sendall(data)
                sent += len(data)
        except OSError:
            pass
        for s in (src, dst):
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()

    def stop(self) -> None:
        self._stop.set()
        self.sock.close()


def make_message(subject="Hello", body="Hi there", *, sender="Acme Jobs <jobs@acme.com>",
                 message_id=None, **headers) -> bytes:  # fmt: skip
    """A well-formed message; extra headers as keyword arguments (List_Id → List-Id)."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "alice@example.com"
    msg["Subject"] = subject
    msg["Date"] = format_datetime(datetime.datetime.now(datetime.UTC))
    msg["Message-ID"] = message_id or make_msgid(domain="acme.com")
    for name, value in headers.items():
        msg[name.replace("_", "-")] = value
    msg.set_content(body)
    return msg.as_bytes()
