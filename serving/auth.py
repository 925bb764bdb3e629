"""Who is calling: API keys with scopes (hashed), staff passwords (scrypt) and console sessions."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from typing import Literal, get_args

from sqlalchemy import delete, select

from serving.appdb import ApiKey, AppDB, StaffAccount, StaffSession, utcnow

Scope = Literal["citizen_app", "staff", "service", "admin"]
SCOPES: tuple[Scope, ...] = get_args(Scope)
KEY_PREFIX = "hk_"
_KEY = re.compile(r"hk_([0-9a-f]{12})_([A-Za-z0-9_\-]{20,128})")
_USERNAME = re.compile(r"[A-Za-z0-9_.\-]{2,64}")
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1


@dataclass(frozen=True)
class KeyInfo:
    """An API key as the server knows it (never the secret)."""

    id: str
    name: str
    scopes: tuple[Scope, ...]
    subject: str | None
    hall_id: int | None
    created_at: str
    revoked: bool

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form for `keys list --json`."""
        return {
            "id": self.id, "name": self.name, "scopes": list(self.scopes), "subject": self.subject,
            "hall_id": self.hall_id, "created_at": self.created_at, "revoked": self.revoked,
        }


@dataclass(frozen=True)
class StaffInfo:
    """A signed-in member of staff."""

    username: str
    display_name: str
    hall_id: int


def _info(row: ApiKey) -> KeyInfo:
    scopes = tuple(s for s in row.scopes.split(",") if s in SCOPES)
    return KeyInfo(row.id, row.name, scopes, row.subject, row.hall_id,  # type: ignore[arg-type]
                   row.created_at.isoformat(timespec="seconds"), row.revoked_at is not None)


def _digest(salt: str, secret: str) -> str:
    return hmac.new(salt.encode(), secret.encode(), hashlib.sha256).hexdigest()


def parse_scopes(values: list[str] | tuple[str, ...]) -> tuple[Scope, ...]:
    """Validate scope names; raises ValueError naming the unknown ones."""
    unknown = [v for v in values if v not in SCOPES]
    if unknown or not values:
        raise ValueError(f"未知的权限范围：{unknown or '（空）'}；可选：{', '.join(SCOPES)}")
    return tuple(dict.fromkeys(values))  # type: ignore[arg-type]


def create_key(db: AppDB, name: str, scopes: tuple[Scope, ...], *, subject: str | None = None,
               hall_id: int | None = None) -> tuple[KeyInfo, str]:
    """A new key; returns its record and the plaintext token, which is shown once and never stored."""
    if not 1 <= len(name) <= 64:
        raise ValueError("密钥名称应为1到64个字符")
    if "staff" in scopes and (subject is None or hall_id is None):
        raise ValueError("staff 权限的密钥需要 --subject（工作人员账号）和 --hall-id（所属大厅）")
    key_id, secret, salt = secrets.token_hex(6), secrets.token_urlsafe(32), secrets.token_hex(16)
    row = ApiKey(id=key_id, name=name, scopes=",".join(scopes), subject=subject, hall_id=hall_id, salt=salt,
                 secret_hash=_digest(salt, secret), created_at=utcnow(), revoked_at=None)
    with db.write() as session:
        session.add(row)
        session.flush()
        info = _info(row)
    return info, f"{KEY_PREFIX}{key_id}_{secret}"


def verify_key(db: AppDB, token: str) -> KeyInfo | None:
    """The live key a bearer token belongs to, or None (unknown, wrong secret, revoked)."""
    match = _KEY.fullmatch(token)
    if match is None:
        return None
    key_id, secret = match.groups()
    with db.read() as session:
        row = session.get(ApiKey, key_id)
        if row is None or row.revoked_at is not None:
            return None
        if not hmac.compare_digest(row.secret_hash, _digest(row.salt, secret)):
            return None
        return _info(row)


def list_keys(db: AppDB) -> list[KeyInfo]:
    """Every key, oldest first."""
    with db.read() as session:
        return [_info(r) for r in session.scalars(select(ApiKey).order_by(ApiKey.created_at, ApiKey.id))]


def revoke_key(db: AppDB, key_id: str) -> bool:
    """Revoke a key; False when there is no such live key."""
    with db.write() as session:
        row = session.get(ApiKey, key_id)
        if row is None or row.revoked_at is not None:
            return False
        row.revoked_at = utcnow()
        return True


def hash_password(password: str) -> str:
    """Scrypt with a random salt, in a self-describing string."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P, dklen=32)
    enc = base64.b64encode
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${enc(salt).decode()}${enc(digest).decode()}"


def check_password(password: str, stored: str) -> bool:
    """True when `password` matches a `hash_password` string."""
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        got = hashlib.scrypt(password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                             dklen=32)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, base64.b64decode(digest))


def create_staff(db: AppDB, username: str, password: str, hall_id: int, display_name: str = "") -> StaffInfo:
    """Add a staff account; raises ValueError for a bad name, a short password or a taken name."""
    if not _USERNAME.fullmatch(username):
        raise ValueError("账号应为2到64位字母、数字、点、下划线或连字符")
    if len(password) < 10:
        raise ValueError("密码至少需要10个字符")
    with db.write() as session:
        if session.get(StaffAccount, username) is not None:
            raise ValueError(f"账号 {username} 已存在")
        session.add(StaffAccount(username=username, display_name=display_name[:64],
                                 password_hash=hash_password(password), hall_id=hall_id,
                                 created_at=utcnow(), disabled=False))
    return StaffInfo(username, display_name[:64], hall_id)


def list_staff(db: AppDB) -> list[dict[str, object]]:
    """Staff accounts without their password hashes."""
    with db.read() as session:
        rows = session.scalars(select(StaffAccount).order_by(StaffAccount.username))
        return [{"username": r.username, "display_name": r.display_name, "hall_id": r.hall_id,
                 "disabled": r.disabled} for r in rows]


def set_staff_disabled(db: AppDB, username: str, disabled: bool = True) -> bool:
    """Disable (or re-enable) an account and end its sessions; False when it does not exist."""
    with db.write() as session:
        row = session.get(StaffAccount, username)
        if row is None:
            return False
        row.disabled = disabled
        session.execute(delete(StaffSession).where(StaffSession.username == username))
        return True


def login(db: AppDB, username: str, password: str, hours: float) -> tuple[StaffInfo, str] | None:
    """Check a password and open a session; returns the account and the cookie token, or None."""
    with db.read() as session:
        row = session.get(StaffAccount, username) if _USERNAME.fullmatch(username) else None
        stored = row.password_hash if row is not None and not row.disabled else hash_password("x" * 12)
        # Always run scrypt, so a missing account takes as long as a wrong password.
        if not check_password(password, stored) or row is None or row.disabled:
            return None
        info = StaffInfo(row.username, row.display_name, row.hall_id)
    token = secrets.token_urlsafe(32)
    now = utcnow()
    with db.write() as session:
        session.add(StaffSession(token_hash=_token_hash(token), username=username, created_at=now,
                                 expires_at=now + dt.timedelta(hours=hours)))
    return info, token


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def session_staff(db: AppDB, token: str) -> StaffInfo | None:
    """The staff member a live session cookie belongs to, or None."""
    if not 20 <= len(token) <= 128:
        return None
    with db.read() as session:
        row = session.get(StaffSession, _token_hash(token))
        if row is None or row.expires_at <= utcnow():
            return None
        account = session.get(StaffAccount, row.username)
        if account is None or account.disabled:
            return None
        return StaffInfo(account.username, account.display_name, account.hall_id)


def logout(db: AppDB, token: str) -> None:
    """End a session (no error when it is unknown)."""
    with db.write() as session:
        session.execute(delete(StaffSession).where(StaffSession.token_hash == _token_hash(token)))
