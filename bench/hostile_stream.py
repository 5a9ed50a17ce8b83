"""Memory of the client against a panel that streams a gigabyte, versus idle.

A hostile panel (stdlib HTTP on loopback, in its own process) answers `balance` and
`services` with 1 GB: declared with Content-Length, chunked without end, or as a gzip bomb
(about 1 MB on the wire). Each case runs in a fresh client process that measures its
resident size when idle (imports done, client built, one normal call made), then the peak
during the hostile call (VmHWM, reset first where Linux allows; else ru_maxrss).

    python bench/hostile_stream.py [--gigabytes 1] [--services-cap-mb 64]

Target: peak within +64 MiB of idle for every case (the services cap is 64 MB).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import subprocess
import sys
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs

TARGET_MIB = 64
BLOCK = 64 * 1024
MODES = ("length", "chunked", "gzip")
ACTIONS = ("balance", "services")
KEY = "bench-hostile-key"


# -- the hostile panel (its own process) ------------------------------------------------


class HostileHandler(BaseHTTPRequestHandler):
    """POST /<mode>/api/v2 streams `total` bytes in that mode; /ok/ answers normally."""

    protocol_version = "HTTP/1.1"
    total = 10**9
    sent: ClassVar[dict[str, int]] = {}
    lock = threading.Lock()

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:  # /stats: bytes sent to the last hostile request
        with self.lock:
            body = json.dumps(self.sent).encode()
        self._answer(body)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        form = parse_qs(self.rfile.read(length).decode())
        mode = self.path.strip("/").split("/")[0]
        if mode == "ok":
            action = form.get("action", [""])[0]
            self._answer(b"[]" if action == "services" else b'{"balance": "1.00"}')
            return
        self.close_connection = True
        with self.lock:
            self.sent["bytes"] = 0
        with contextlib.suppress(OSError):  # the client hanging up is what we want
            getattr(self, f"_stream_{mode}")()

    def _answer(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _count(self, count: int) -> None:
        with self.lock:
            self.sent["bytes"] += count

    def _stream_length(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(self.total))
        self.end_headers()
        block = b"[" * BLOCK
        for _ in range(self.total // BLOCK):
            self.wfile.write(block)
            self._count(BLOCK)

    def _stream_chunked(self) -> None:
        self.send_response(200)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        piece = f"{BLOCK:x}\r\n".encode() + b"[" * BLOCK + b"\r\n"
        for _ in range(self.total // BLOCK):
            self.wfile.write(piece)
            self._count(len(piece))
        self.wfile.write(b"0\r\n\r\n")

    def _stream_gzip(self) -> None:
        packer = zlib.compressobj(9, zlib.DEFLATED, 31)
        megabyte = b"[" * (1 << 20)
        head = packer.compress(megabyte) + packer.flush(zlib.Z_FULL_FLUSH)  # with the header
        block = packer.compress(megabyte) + packer.flush(zlib.Z_FULL_FLUSH)  # repeatable
        self.send_response(200)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for data in [head] + [block] * ((self.total >> 20) - 1) + [packer.flush()]:
            self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
            self._count(len(data))
        self.wfile.write(b"0\r\n\r\n")


def serve(total: int) -> None:
    HostileHandler.total = total
    server = ThreadingHTTPServer(("127.0.0.1", 0), HostileHandler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    server.serve_forever()


# -- one measured client (its own process) ----------------------------------------------


def measure(port: int, mode: str, action: str, services_cap: int) -> None:
    from smmdesk.api import ApiError, PanelClient

    base = f"http://127.0.0.1:{port}"
    options = {"timeout": 60.0, "max_services_bytes": services_cap}
    with PanelClient(f"{base}/ok/api/v2", KEY, **options) as warm:  # type: ignore[arg-type]
        warm.balance()
        warm.services()
    with PanelClient(f"{base}/{mode}/api/v2", KEY, **options) as client:  # type: ignore[arg-type]
        idle = _status_kib("VmRSS")
        reset = _reset_peak()
        started = time.monotonic()
        try:
            getattr(client, action)()
            outcome = "no error (!)"
        except ApiError as error:
            outcome = f"{type(error).__name__}: {error}"
        seconds = time.monotonic() - started
        peak = _status_kib("VmHWM") if reset else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"idle": idle, "peak": peak, "seconds": seconds, "outcome": outcome}))


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # not Linux: KiB on Linux only


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


# -- the run ------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gigabytes", type=float, default=1.0)
    parser.add_argument("--services-cap-mb", type=int, default=64)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--measure", nargs=3, metavar=("PORT", "MODE", "ACTION"))
    args = parser.parse_args()
    total = int(args.gigabytes * 10**9)
    cap = args.services_cap_mb * 1_000_000
    if args.serve:
        serve(total)
        return 0
    if args.measure:
        port, mode, action = args.measure
        measure(int(port), mode, action, cap)
        return 0
    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", "--gigabytes", str(args.gigabytes)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        return run_cases(port, cap, total)
    finally:
        server.terminate()
        server.wait(10)


def run_cases(port: int, cap: int, total: int) -> int:
    print(f"hostile panel streams {total / 1e9:g} GB; services cap {cap / 1e6:g} MB")
    header = f"{'action':9} {'mode':8} {'idle MiB':>8} {'peak MiB':>8} {'+MiB':>6} {'sent MiB':>8}"
    print(f"{header} {'time':>6}  outcome")
    worst = 0.0
    for action in ACTIONS:
        for mode in MODES:
            command = [sys.executable, __file__, "--measure", str(port), mode, action]
            command += ["--services-cap-mb", str(cap // 1_000_000)]
            done = subprocess.run(command, capture_output=True, text=True, check=True)
            result = json.loads(done.stdout.strip().splitlines()[-1])
            time.sleep(0.2)  # let the server notice the hang-up before asking
            sent = _stats(port)
            growth = (result["peak"] - result["idle"]) / 1024
            worst = max(worst, growth)
            print(
                f"{action:9} {mode:8} {result['idle'] / 1024:8.1f} {result['peak'] / 1024:8.1f}"
                f" {growth:+6.1f} {sent / 2**20:8.1f} {result['seconds']:5.2f}s"
                f"  {result['outcome']}"
            )
    verdict = "PASS" if worst <= TARGET_MIB else "FAIL"
    print(f"worst growth over idle: +{worst:.1f} MiB (target +{TARGET_MIB} MiB): {verdict}")
    return 0 if verdict == "PASS" else 1


def _stats(port: int) -> int:
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request("GET", "/stats")
    sent: int = json.loads(connection.getresponse().read()).get("bytes", 0)
    connection.close()
    return sent


if __name__ == "__main__":
    sys.exit(main())
