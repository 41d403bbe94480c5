"""How one server runs: address, data folder, access tokens, retention and input limits.

Configuration comes from the command line and the environment, never from globals set
at import. The data folder holds the session database and the secret key; it is created
0700 and its files 0600, because interview answers are personal data.
"""
from __future__ import annotations

import ipaddress
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from nq_advisor.errors import UsageError
from nq_advisor.load import limits

TOKENS_ENV = "NQ_ADVISOR_TOKENS"
DATA_ENV = "NQ_ADVISOR_DATA"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080
DEFAULT_RETENTION_DAYS = 30

# Input limits of the HTTP API. No real case comes near them: the largest input document
# (a region with every list full) is about 2 KB and 3 levels deep.
# The depth is the input policy's (nq_advisor/load/limits.py); a body is one case, so its size limit
# is tighter than the policy's limit for files.
MAX_BODY_BYTES = 256 * 1024
MAX_JSON_DEPTH = limits.MAX_DEPTH
SECRET_KEY_FILE = "secret.key"
_EXPOSED = {
    "de": "--host {host} ist von anderen Rechnern erreichbar, aber kein Zugangstoken ist eingerichtet. "
          "{env}=<Token>[,<Token>...] setzen oder --token-file DATEI (ein Token je Zeile) angeben, "
          "oder auf 127.0.0.1 lauschen (Standard). Nicht gestartet.",
    "en": "--host {host} is reachable from other machines, and no access token is configured. "
          "Set {env}=<token>[,<token>...] or pass --token-file FILE (one token a line), "
          "or listen on 127.0.0.1 (the default). Not started.",
}


def default_data_dir() -> Path:
    """``$XDG_DATA_HOME/nq-advisor``, else ``~/.local/share/nq-advisor``."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "nq-advisor"


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 and ``localhost`` (CONTRACT.md §5)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def read_tokens(token_file: str | os.PathLike | None = None, environ=None, lang: str = "de") -> tuple[str, ...]:
    """Tokens from ``NQ_ADVISOR_TOKENS`` (comma-separated) and the token file (one a line, # comments);
    problems in ``lang``."""
    from nq_advisor.errors import os_reason
    from nq_advisor.web.texts import text

    environ = os.environ if environ is None else environ
    tokens = [t.strip() for t in environ.get(TOKENS_ENV, "").split(",")]
    if token_file is not None:
        try:
            lines = Path(token_file).read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            raise UsageError(text("tokens.not_found", lang, path=token_file)) from None
        except OSError as exc:
            raise UsageError(text("tokens.unreadable", lang, path=token_file, reason=os_reason(exc, lang))) from None
        except UnicodeDecodeError:
            raise UsageError(text("tokens.unreadable", lang, path=token_file,
                                  reason="kein UTF-8" if lang == "de" else "not UTF-8")) from None
        tokens += [line.strip() for line in lines if not line.lstrip().startswith("#")]
    tokens = [t for t in tokens if t]
    short = [t for t in tokens if len(t) < 16]
    if short:
        raise UsageError(text("tokens.too_short", lang, count=len(short)))
    return tuple(dict.fromkeys(tokens))


@dataclass
class Settings:
    """Everything ``create_app`` needs; ``data_dir`` is created on first use."""

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    data_dir: Path = field(default_factory=default_data_dir)
    tokens: tuple[str, ...] = ()
    retention_days: int = DEFAULT_RETENTION_DAYS
    kb_path: str | None = None
    max_body_bytes: int = MAX_BODY_BYTES
    max_json_depth: int = MAX_JSON_DEPTH
    secret_key: bytes | None = None  # for the pages' cookies and CSRF tokens; read or made in data_dir

    def __post_init__(self):
        self.data_dir = Path(self.data_dir)
        if self.retention_days < 1:
            raise UsageError(f"retention: {self.retention_days} days not allowed; allowed: 1 or more")

    @property
    def database(self) -> Path:
        return self.data_dir / "nq-advisor.sqlite3"

    def check_exposure(self, lang: str = "de") -> None:
        """Refuse to listen beyond loopback without access tokens."""
        if not is_loopback(self.host) and not self.tokens:
            raise UsageError(_EXPOSED[lang if lang in _EXPOSED else "de"].format(host=self.host, env=TOKENS_ENV))

    def ensure_data_dir(self) -> Path:
        """The data folder, created owner-only (0700) when missing."""
        self.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        return self.data_dir

    def load_secret_key(self) -> bytes:
        """The key for signed cookies: made once (0600) in the data folder, so restarts keep sign-ins."""
        if self.secret_key is None:
            path = self.ensure_data_dir() / SECRET_KEY_FILE
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                self.secret_key = path.read_bytes().strip()
            else:
                key = secrets.token_hex(32).encode("ascii")
                with os.fdopen(fd, "wb") as handle:
                    handle.write(key)
                self.secret_key = key
            if len(self.secret_key) < 32:
                raise UsageError(f"{path}: secret key too short; delete the file to have a new one made")
        return self.secret_key
