"""Store URLs: which database a ``--store`` value names, and how to print it safely."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from cspm_opa.errors import ConfigError

__all__ = ["database_url", "redact"]

_SECRET_PARAMS = frozenset({"password", "sslpassword", "passfile"})


def database_url(value: str) -> str:
    """The SQLAlchemy URL for a ``--store`` value.

    A plain path (or ``sqlite:///path``) is a SQLite file; ``postgresql://`` and
    ``postgres://`` are PostgreSQL through psycopg 3 (SQLAlchemy takes a bare
    ``postgresql://`` to mean psycopg2, which cspm-opa does not install).
    """
    value = value.strip()
    if not value:
        raise ConfigError("--store: empty store URL")
    scheme, sep, rest = value.partition("://")
    if not sep or len(scheme) == 1:  # a path (a Windows drive letter is not a scheme)
        return "sqlite:///" + str(Path(value).expanduser().resolve())
    scheme = scheme.lower()
    if scheme == "sqlite":
        if not rest.startswith("/") or rest in ("/", "/:memory:"):
            raise ConfigError(
                f"--store {redact(value)}: name a database file, as sqlite:///path/to/store.db"
            )
        return value
    if scheme in ("postgresql", "postgres", "postgresql+psycopg"):
        return "postgresql+psycopg://" + rest
    raise ConfigError(
        f"--store {redact(value)}: unsupported store URL scheme {scheme!r} "
        "(a file path, sqlite:///FILE or postgresql://...)"
    )


def redact(url: str) -> str:
    """``url`` with any password (in the authority or the query) replaced by ``***``."""
    if "://" not in url:
        return url
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, _, host = netloc.rpartition("@")
        user, colon, _password = userinfo.partition(":")
        netloc = f"{user}:***@{host}" if colon else netloc
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        if any(k.lower() in _SECRET_PARAMS for k, _ in pairs):
            query = urlencode(
                [(k, "***" if k.lower() in _SECRET_PARAMS else v) for k, v in pairs], safe="*/"
            )
    if netloc == parts.netloc and query == parts.query:
        return url  # nothing hidden; urlunsplit would drop sqlite:///'s empty authority
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
