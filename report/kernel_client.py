"""Stand in for a kernel process: ask the kernel server for a forked kernel, live as long.

Run as a script (``python -E -s -S report/kernel_client.py SOCKET ARGS…``, see
:func:`report.kernels.kernel_manager_class`), it starts in milliseconds: it imports only the
standard library and the message helpers of :mod:`report.kernel_server` (found beside it).
It hands the server its connection arguments, working folder, environment and standard
streams, then forwards interrupts and termination to the kernel and exits with the
kernel's exit code. If it is killed, the server sees its connection close and kills the
kernel.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sys


def main(argv: list[str]) -> int:
    """Connect to the server at ``argv[0]`` and run a kernel with arguments ``argv[1:]``."""
    from kernel_server import receive_message, send_message

    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.connect(argv[0])
    request = {"argv": argv[1:], "cwd": os.getcwd(), "env": dict(os.environ)}
    send_message(sock, request, fds=[0, 1, 2])
    answer, _ = receive_message(sock)
    if answer is None:
        print("the kernel server closed the connection", file=sys.stderr)
        return 1
    pid = answer["pid"]

    def forward(signum: int, _frame: object) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signum)

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT):
        signal.signal(signum, forward)
    while True:
        try:
            answer, _ = receive_message(sock)
            break
        except InterruptedError:
            continue
    if answer is None:
        return 1
    code = answer["exit"]
    return code if code >= 0 else 128 - code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
