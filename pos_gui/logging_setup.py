"""The till's logging: named loggers, a rotating log file, and redaction of secrets.

Qt-free on purpose: the UI routes Qt's own messages into these loggers with its own message handler.

Every line that reaches a handler installed here passes :class:`RedactionFilter` first, which masks
bearer tokens, ``client_secret=…``, ``refresh_token``/``access_token``/``device_code`` values (in
form, query and JSON spelling) and every value registered at run time with :func:`register_secret`
(the secret store registers what it reads and writes). So a secret never ends up in a log file or
in a support bundle.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
from pathlib import Path

from pos_gui.config.paths import AppPaths

LOG_FILE_MAX_BYTES = 1_000_000
LOG_FILE_BACKUPS = 5
MASK = "***"

# Libraries that log full URLs or headers at INFO/DEBUG: only their warnings are of interest.
NOISY_LIBRARIES = ("httpx", "httpcore", "hpack", "urllib3", "asyncio", "uvicorn.access")

_LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"

# key=value, key: value, "key": "value" for the OAuth fields that are secret.
_SECRET_FIELD = re.compile(
    r"""(?P<key>\b(?:client_secret|refresh_token|access_token|device_code|password|passcode)\b)"""
    r"""(?P<sep>["']?\s*[:=]\s*["']?)"""
    r"""(?P<value>[^\s"'&,;}\]]+)""",
    re.IGNORECASE,
)
_AUTH_HEADER = re.compile(r"\b(?P<scheme>Bearer|Basic)\s+(?P<value>[A-Za-z0-9._~+/=-]+)", re.IGNORECASE)

# Secrets shorter than this are not registered: masking "1" everywhere would garble the log.
_MIN_SECRET_LENGTH = 4

_registered_secrets: set[str] = set()
_registered_lock = threading.Lock()


def register_secret(value: str | None) -> None:
    """Mask ``value`` wherever it appears in later log lines (and in support bundles)."""
    if value and len(value) >= _MIN_SECRET_LENGTH:
        with _registered_lock:
            _registered_secrets.add(value)


def redact(text: str) -> str:
    """``text`` with every known kind of secret replaced by ``***``."""
    with _registered_lock:
        secrets = sorted(_registered_secrets, key=len, reverse=True)
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, MASK)
    text = _AUTH_HEADER.sub(lambda match: f"{match['scheme']} {MASK}", text)
    return _SECRET_FIELD.sub(lambda match: f"{match['key']}{match['sep']}{MASK}", text)


class RedactionFilter(logging.Filter):
    """Rewrites each record's message (and traceback) with :func:`redact`; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not lose the line
            message = f"{record.msg!r} % {record.args!r}"
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            # Formatter.format reuses exc_text, so the masked traceback is what gets written.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


# Handlers installed here carry these names, so that a second setup_logging() replaces them.
_FILE_HANDLER_NAME = "pos-gui-file"
_CONSOLE_HANDLER_NAME = "pos-gui-console"


def setup_logging(paths: AppPaths, *, debug: bool = False, console: bool = True, rotate: bool = True) -> Path:
    """Configure the root logger: rotating file in ``paths.log_dir`` plus stderr.

    Args:
        paths: the till's folders; the file is ``paths.log_file`` (1 MB × 5 backups).
        debug: log DEBUG lines of the till's own loggers (``pos_gui.*``) too; else INFO.
        console: also write WARNING and above (everything with ``debug``) to stderr.
        rotate: rotate the file now; ``False``: append to it until :func:`start_log_rotation`
            (the cold start: ``logging.handlers`` loads socket, pickle and more, ~10 ms, which
            can wait until the till window is on screen).

    Returns:
        The log file's path.

    Calling it again (tests, ``--reset-setup``) replaces the handlers of the earlier call.
    """
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() in (_FILE_HANDLER_NAME, _CONSOLE_HANDLER_NAME):
            root.removeHandler(handler)
            handler.close()

    formatter = logging.Formatter(_LOG_FORMAT)
    redaction = RedactionFilter()
    paths.log_dir.mkdir(parents=True, exist_ok=True)
    file_handler = (
        _rotating_file_handler(paths.log_file)
        if rotate
        else logging.FileHandler(paths.log_file, encoding="utf-8")
    )
    file_handler.set_name(_FILE_HANDLER_NAME)
    file_handler.setFormatter(formatter)
    file_handler.addFilter(redaction)
    root.addHandler(file_handler)
    if console:
        console_handler = logging.StreamHandler(sys.stderr)
        console_handler.set_name(_CONSOLE_HANDLER_NAME)
        console_handler.setLevel(logging.DEBUG if debug else logging.WARNING)
        console_handler.setFormatter(formatter)
        console_handler.addFilter(redaction)
        root.addHandler(console_handler)

    root.setLevel(logging.DEBUG if debug else logging.INFO)
    logging.getLogger("pos_gui").setLevel(logging.DEBUG if debug else logging.INFO)
    for name in NOISY_LIBRARIES:
        logging.getLogger(name).setLevel(logging.WARNING)
    logging.getLogger("pos_gui").info("Logging to %s", paths.log_file)
    return paths.log_file


def start_log_rotation() -> None:
    """Swap the appending file handler of ``setup_logging(rotate=False)`` for the rotating one.

    Call it while no other thread logs yet (the till does, right after its window is shown).
    Does nothing when the file already rotates.
    """
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() != _FILE_HANDLER_NAME or type(handler) is not logging.FileHandler:
            continue
        rotating = _rotating_file_handler(Path(handler.baseFilename))
        rotating.set_name(_FILE_HANDLER_NAME)
        rotating.setFormatter(handler.formatter)
        for log_filter in handler.filters:
            rotating.addFilter(log_filter)
        root.addHandler(rotating)
        root.removeHandler(handler)
        handler.close()


def _rotating_file_handler(path: Path) -> logging.Handler:
    import logging.handlers

    return logging.handlers.RotatingFileHandler(
        path, maxBytes=LOG_FILE_MAX_BYTES, backupCount=LOG_FILE_BACKUPS, encoding="utf-8"
    )


def log_files(paths: AppPaths) -> list[Path]:
    """The current log file and its rotated backups, oldest first."""
    files = [path for path in paths.log_dir.glob("*.log*") if path.is_file()]

    def age(path: Path) -> int:
        suffix = path.name.rsplit(".", 1)[-1]
        return int(suffix) if suffix.isdigit() else 0

    return sorted(files, key=age, reverse=True)
