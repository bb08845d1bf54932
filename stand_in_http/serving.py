"""A stand-in's HTTP server on its own thread, and the request handler both stand-ins build on."""

import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


class Listening:
    """``handler`` serving on (``host``, ``port``) on a daemon thread; ``port`` is the bound one.

    The handler finds the stand-in it answers for as ``self.server.stand_in``.
    """

    def __init__(self, host, port, handler, stand_in, thread_name):
        self._httpd = _HTTPServer((host, port), handler, stand_in)
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            # A short poll keeps stop() quick, which keeps every test that uses a server quick.
            kwargs={"poll_interval": 0.05},
            name=thread_name,
            daemon=True,
        )
        self._thread.start()

    def stop(self):
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()


class _HTTPServer(ThreadingHTTPServer):
    # Daemon threads: a request still sleeping (an injected delay) must not hold up stop().
    daemon_threads = True

    def __init__(self, address, handler, stand_in):
        self.stand_in = stand_in
        super().__init__(address, handler)


class StandInHandler(BaseHTTPRequestHandler):
    """Reads the request, answers ``/healthz`` and hands the rest to ``answer``; a bug in it is
    logged and answered with ``bug_answer`` instead of a dropped connection.

    Subclasses set ``server_version`` and write ``answer(method, target, body)``, which sends its
    response with ``send``, and ``bug_answer()``: (status, headers, text).
    """

    sys_version = ""

    def do_GET(self):
        self._dispatch("GET")

    def do_POST(self):
        self._dispatch("POST")

    def _dispatch(self, method):
        target = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        try:
            if target.path == "/healthz":
                self.send(200, {"Content-Type": "application/json"}, '{"status": "ok"}')
            else:
                self.answer(method, target, body)
        except Exception:
            logger = self._logger()
            logger.exception("The stand-in failed on %s %s", method, self.path)
            self.send(*self.bug_answer())

    def send(self, status, headers, text):
        payload = text.encode()
        try:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            # The client gave up first (a test's timeout, usually): nothing left to tell it.
            self._logger().info(
                "Client went away before %s %s was answered", self.command, self.path
            )

    def log_message(self, message_format, *args):
        self._logger().info("%s " + message_format, self.address_string(), *args)

    def _logger(self):
        # Logged under the stand-in's own module, where its operators look for it.
        return logging.getLogger(type(self).__module__)
