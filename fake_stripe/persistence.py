"""The stand-in's state file: JSON marked as ours, replaced in one step, never half written."""

import json
import logging
import os
import tempfile
from pathlib import Path

logger = logging.getLogger(__name__)

# Marks a file as written by this stand-in (and in this layout); any other file is not read.
FORMAT = "mintkit-fake-stripe-state/1"


class StateFile:
    """One JSON file holding the stand-in's state across restarts.

    ``save()`` writes only when the data differs from what the file already holds, so callers can
    save after anything that might have changed the state without rewriting it on every read.
    """

    def __init__(self, path):
        # Absolute, so the logs and the start-up line say exactly where it is.
        self.path = Path(path).absolute()
        self._written = None

    def load(self, restore):
        """Hand the saved data to ``restore``; True if it took it.

        No file is a first run. A file that is unreadable, not JSON, not ours, or that ``restore``
        refuses (raising, with nothing changed) is logged and left for the next save to replace:
        a broken file must not stop the stand-in from starting.
        """
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return False
        except (OSError, ValueError) as exc:
            return self._ignore(exc)
        try:
            saved = json.loads(text)
            if not isinstance(saved, dict) or saved.get("format") != FORMAT:
                raise ValueError(f"it is not a {FORMAT} file")
            restore(saved["data"])
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            return self._ignore(exc)
        self._written = text
        return True

    def save(self, data):
        """Write ``data`` if it changed: to a temporary file beside ours, then renamed over it."""
        text = json.dumps({"format": FORMAT, "data": data})
        if text == self._written:
            return
        temporary = None
        try:
            # Same folder, so os.replace is an atomic rename: a reader (or the next start after a
            # crash) sees the old state or the new one, never a mix.
            handle, temporary = tempfile.mkstemp(
                dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp"
            )
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(text)
            os.replace(temporary, self.path)
        except OSError as exc:
            if temporary:
                Path(temporary).unlink(missing_ok=True)
            # The state in memory is still right; the next change tries again.
            logger.warning("Could not save the stand-in's state to %s: %s", self.path, exc)
            return
        self._written = text

    def _ignore(self, error):
        logger.warning(
            "Ignoring the state file %s (%s): starting empty; the next change overwrites it.",
            self.path,
            error,
        )
        return False
