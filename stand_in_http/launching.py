"""Running a stand-in in the foreground until Ctrl-C or SIGTERM, as its launch command does."""

import contextlib
import signal
import threading


class CannotListen(Exception):
    """The stand-in's address is taken or not ours; the message says what to do."""


def add_listen_arguments(parser, default_port, port_setting):
    parser.add_argument(
        "--port",
        type=int,
        default=default_port,
        help=f"port to listen on (default: {port_setting}, %(default)s; 0 picks a free one)",
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: %(default)s)"
    )


def run_until_stopped(server, announcement, out):
    """start() ``server``, write ``announcement(server)`` to ``out``, serve until Ctrl-C or
    SIGTERM, then stop() it. CannotListen when it cannot start listening."""
    try:
        server.start()
    except OSError as exc:
        raise CannotListen(
            f"Cannot listen on {server.host}:{server.port} ({exc.strerror}); is another stand-in "
            "running? Pick another port with --port."
        ) from exc
    stopping = threading.Event()
    # A process manager stops us with SIGTERM; treat it like Ctrl-C so we close cleanly.
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    out.write(announcement(server))
    out.flush()
    try:
        with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how it is meant to stop
            stopping.wait()
    finally:
        server.stop()
