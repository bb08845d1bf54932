"""Reads a development .env file (KEY=value lines) into the environment, never overriding it."""

import os
from pathlib import Path


def load_env_file(path):
    """Set each KEY=value of ``path`` that the environment does not already have.

    Blank lines and # comments are skipped; a value may be wrapped in single or double quotes.
    A missing file is fine: the file is optional (.env.example documents it).
    """
    path = Path(path)
    if not path.is_file():
        return
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("export "):
            line = line[len("export ") :].lstrip()
        name, separator, value = line.partition("=")
        name, value = name.strip(), value.strip()
        if not separator or not name.isidentifier():
            raise ValueError(f"{path}:{number}: expected KEY=value, found {raw!r}")
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        os.environ.setdefault(name, value)
