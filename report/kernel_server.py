"""Check the data once, then serve warm kernels: run as ``python -m report.kernel_server``.

One process per build does the work every page would otherwise repeat:

1. it imports, once, what the stale pages' templates import (the library, pandas, Altair,
   myst-nb) and the IPython kernel itself;
2. it checks the data and the pages' parameters (:mod:`report.preflight`), in a forked
   child so that the server itself holds nothing but imported modules, and answers on its
   standard output (one JSON line);
3. if asked to serve, it listens on a Unix socket and, for each page, forks a kernel from
   its warm, pristine state: the kernel starts with everything imported, in a few
   milliseconds instead of seconds. A fresh fork per page keeps pages independent (no
   state of one page reaches the next: Altair numbers a page's parameters from one, as
   a freshly started kernel would).

Papermill starts a kernel through the manager of :func:`report.kernels.kernel_manager_class`, whose
command
is the small client :mod:`report.kernel_client`: it hands the server its connection file,
working folder, environment and standard streams, and lives exactly as long as the forked
kernel, so Jupyter's kernel manager can watch, interrupt and kill it as it would a kernel.

The server stops when its standard input closes (the build ended or died), killing any
kernel still running. It imports nothing of the build: the analysis code enters only
through the templates' own import statements, executed as text.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import pickle
import selectors
import signal
import socket
import struct
import sys
import traceback

#: A message on the socket: a 4-byte big-endian length, then JSON.
_HEADER = struct.Struct(">I")


def send_message(sock: socket.socket, message: dict, fds: list[int] | None = None) -> None:
    """Send one length-prefixed JSON message, with open file descriptors when given.

    Parameters
    ----------
    sock : socket.socket
        A connected Unix stream socket.
    message : dict
    fds : list of int, optional
        File descriptors passed along (``SCM_RIGHTS``) with the first bytes.
    """
    data = json.dumps(message).encode()
    payload = _HEADER.pack(len(data)) + data
    sent = socket.send_fds(sock, [payload], fds) if fds else sock.send(payload)
    sock.sendall(payload[sent:])


def receive_message(sock: socket.socket, fds: int = 0) -> tuple[dict | None, list[int]]:
    """Receive one message from :func:`send_message`.

    Parameters
    ----------
    sock : socket.socket
    fds : int
        How many file descriptors may come with it.

    Returns
    -------
    tuple
        The message (None when the peer closed the connection first) and the received
        file descriptors.
    """
    received: list[int] = []
    buffer = b""
    while len(buffer) < _HEADER.size:
        if fds and not received:
            chunk, got, _flags, _addr = socket.recv_fds(sock, 65536, fds)
            received.extend(got)
        else:
            chunk = sock.recv(65536)
        if not chunk:
            return None, received
        buffer += chunk
    (size,) = _HEADER.unpack(buffer[: _HEADER.size])
    buffer = buffer[_HEADER.size :]
    while len(buffer) < size:
        chunk = sock.recv(size - len(buffer))
        if not chunk:
            return None, received
        buffer += chunk
    return json.loads(buffer), received


# --------------------------------------------------------------------------- the checks


def _check(job: dict) -> dict:
    """Validate the data once (keeping the validated fact base) and check each page.

    Runs in a forked child of the server. The answer is ``{"data": problems}`` for invalid
    data, else ``{"pages": [[page, statement, error], ...]}`` for rejected parameters.
    """
    # the library, as a page's kernel sees it (the build itself imports none of it)
    load_factbase = importlib.import_module("lib.data.factbase").load_factbase
    invalid = importlib.import_module("lib.data.reader").DataValidationError
    try:
        fb = load_factbase()
    except invalid as exc:
        return {"data": str(exc)}
    if job["keep"]:
        with open(job["keep"] + ".tmp", "wb") as fh:
            pickle.dump(fb, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(job["keep"] + ".tmp", job["keep"])
    errors = []
    for page in job["pages"]:
        space = dict(page["parameters"])
        space.update({name: fb for name in page["factbase"]})
        statement = page["imports"]
        try:
            exec(page["imports"], space)
            for statement in page["statements"]:
                exec(statement, space)
        except Exception as exc:
            errors.append([page["name"], statement, f"{type(exc).__name__}: {exc}"])
    return {"pages": errors}


def _in_child(function, job: dict) -> dict:
    """Run ``function(job)`` in a forked child and return its (JSON) answer."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read)
        try:
            answer = function(job)
        except BaseException:
            answer = {"error": traceback.format_exc()}
        with os.fdopen(write, "w") as fh:
            json.dump(answer, fh)
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as fh:
        text = fh.read()
    os.waitpid(pid, 0)
    return json.loads(text) if text else {"error": "the data check died without an answer"}


def _warm(job: dict) -> None:
    """Import what the pages import, and the kernel; a failing import is left to the page
    (its check or its cell reports it where it happens)."""
    for source in job["imports"]:
        with contextlib.suppress(Exception):  # the check and the page report it themselves
            exec(source, {})
    if job["serve"]:
        import ipykernel.ipkernel  # noqa: F401
        import ipykernel.kernelapp  # noqa: F401


# --------------------------------------------------------------------------- the server


def _become_kernel(request: dict, fds: list[int], server_fds: list[int]) -> None:
    """In a forked child: take the client's streams, folder and environment, run a kernel."""
    code = 1
    try:
        signal.set_wakeup_fd(-1)
        for sig in (signal.SIGCHLD, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        for fd in server_fds:
            if fd >= 0:
                os.close(fd)
        for target, fd in enumerate(fds[:3]):
            os.dup2(fd, target)
        for fd in fds:
            os.close(fd)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        # read from the environment when ipykernel was imported (by the server): set them
        # from the kernel's own environment, as a freshly started kernel would have them
        argv = [
            *request["argv"],
            f"--IPKernelApp.parent_handle={int(os.environ.get('JPY_PARENT_PID') or 0)}",
            f"--IPKernelApp.interrupt={int(os.environ.get('JPY_INTERRUPT_EVENT') or 0)}",
        ]
        sys.argv = ["ipykernel_launcher", *argv]
        from ipykernel.kernelapp import IPKernelApp

        app = IPKernelApp.instance()
        app.initialize(argv)
        _as_in_a_kernel()
        # Jupyter interrupts every kernel before shutting it down; an idle kernel logs that
        # as an error, which would print on every page of every build
        app.log.addFilter(
            lambda record: not record.getMessage().startswith("KeyboardInterrupt caught")
        )
        app.start()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    except BaseException:
        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(code)


def _as_in_a_kernel() -> None:
    """Choose again what a library chose on import from whether it ran in a kernel.

    The server imported the libraries outside a kernel; the forked kernel must see them
    as a freshly started kernel would have (checked page by page in the tests). pandas
    sets the widest frame it prints in full (``display.max_columns``) to 0, fit to the
    terminal, outside a kernel, and to 20 inside one.
    """
    if "pandas" in sys.modules:
        sys.modules["pandas"].set_option("display.max_columns", 20)


def serve(path: str) -> None:
    """Fork a kernel for each client connecting to the Unix socket *path*, until standard
    input closes.

    Parameters
    ----------
    path : str
        Where to create the socket.
    """
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(64)
    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_read, False)
    os.set_blocking(wake_write, False)
    signal.set_wakeup_fd(wake_write)
    signal.signal(signal.SIGCHLD, lambda *_: None)  # a handler, so the wake-up byte is written
    signal.signal(signal.SIGTERM, lambda *_: None)
    selector = selectors.DefaultSelector()
    selector_fd = selector.fileno() if hasattr(selector, "fileno") else -1
    selector.register(listener, selectors.EVENT_READ, "accept")
    selector.register(wake_read, selectors.EVENT_READ, "signal")
    selector.register(0, selectors.EVENT_READ, "parent")
    #: pid of each running kernel -> the connection of its client (None once it closed)
    kernels: dict[int, socket.socket | None] = {}
    stop = False
    while not stop:
        for key, _ in selector.select():
            if key.data == "accept":
                conn, _ = listener.accept()
                request, fds = receive_message(conn, fds=3)
                if request is None:
                    conn.close()
                    continue
                server_fds = [listener.fileno(), selector_fd, wake_read, wake_write]
                server_fds.append(conn.fileno())
                server_fds += [c.fileno() for c in kernels.values() if c is not None]
                pid = os.fork()
                if pid == 0:
                    _become_kernel(request, fds, server_fds)
                for fd in fds:
                    os.close(fd)
                kernels[pid] = conn
                send_message(conn, {"pid": pid})
                selector.register(conn, selectors.EVENT_READ, pid)
            elif key.data == "signal":
                while True:
                    try:
                        if not os.read(wake_read, 512):
                            break
                    except BlockingIOError:
                        break
                _reap(kernels, selector)
            elif key.data == "parent":
                if not os.read(0, 4096):
                    stop = True
            else:  # a client's connection: it closed (its client was killed)
                pid = key.data
                conn = kernels.get(pid)
                if conn is not None and not conn.recv(4096):
                    selector.unregister(conn)
                    conn.close()
                    kernels[pid] = None
                    _kill(pid)
    for pid in kernels:
        _kill(pid)
    listener.close()
    os.unlink(path)
    with contextlib.suppress(OSError):
        os.rmdir(os.path.dirname(path))  # the folder made for the socket


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def _reap(kernels: dict, selector: selectors.BaseSelector) -> None:
    """Collect ended kernels and tell each one's client how it ended."""
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        conn = kernels.pop(pid, None)
        if conn is not None:
            selector.unregister(conn)
            code = os.waitstatus_to_exitcode(status)
            with contextlib.suppress(OSError):
                send_message(conn, {"exit": code})
            conn.close()


def main() -> None:
    """Read the job (one JSON line), check, answer, and serve when asked."""
    job = json.loads(sys.stdin.readline())
    _warm(job)
    answer = _in_child(_check, job)
    if job["serve"]:
        answer["socket"] = job["socket"]
    print(json.dumps(answer), flush=True)
    if job["serve"] and not set(answer) & {"data", "error"} and not answer["pages"]:
        serve(job["socket"])
    # nothing left to clean up: skip the interpreter's slow tear-down of everything imported
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
