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

    The server decides when to write (every second while something changed, and on a clean
    stop); ``encode()`` runs under the state's lock, ``write()`` needs no lock.
    """

    def __init__(self, path):
        # Absolute, so the logs and the start-up line say exactly where it is.
        self.path = Path(path).absolute()

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
        return True

    @staticmethod
    def encode(data):
        return json.dumps({"format": FORMAT, "data": data})

    def write(self, text):
        """Write ``encode()``'s text to a temporary file beside ours, then rename it over ours.

        True when written; on failure the state in memory is still right: log, try again later.
        """
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
            logger.warning("Could not save the stand-in's state to %s: %s", self.path, exc)
            return False
        return True

    def _ignore(self, error):
        logger.warning(
            "Ignoring the state file %s (%s): starting empty; the next change overwrites it.",
            self.path,
            error,
        )
        return False
