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
working folder, environment and standard streams, and lives as long as the forked kernel
(or until the server ends), so Jupyter's kernel manager can watch, interrupt and kill it as it
would a kernel; a kernel whose client is killed is killed too.

The server stops when its standard input closes (the build ended), when it is told to
(SIGTERM) or when its parent dies, killing any kernel still running. It imports nothing of
the build: the analysis code enters only through the templates' own import statements,
executed as text.
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
    """Receive one message from :func:`send_message` (and no byte of the next one).

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
    header = b""
    while len(header) < _HEADER.size:
        if fds and not received:
            chunk, got, _flags, _addr = socket.recv_fds(sock, _HEADER.size - len(header), fds)
            received.extend(got)
        else:
            chunk = sock.recv(_HEADER.size - len(header))
        if not chunk:
            return None, received
        header += chunk
    (size,) = _HEADER.unpack(header)
    body = b""
    while len(body) < size:
        chunk = sock.recv(size - len(body))
        if not chunk:
            return None, received
        body += chunk
    return json.loads(body), received


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
        # its own session, as Jupyter starts a kernel: a Ctrl-C meant for the build does
        # not reach it, and it can be killed with what it starts
        os.setsid()
        signal.set_wakeup_fd(-1)
        for sig in (signal.SIGCHLD, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        for fd in server_fds:
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
    terminal, outside a kernel, and to 20 inside one. numpy's global random generator is
    seeded afresh, as on import in a new process.
    """
    if "pandas" in sys.modules:
        sys.modules["pandas"].set_option("display.max_columns", 20)
    # a new process draws fresh random seeds (``random`` reseeds itself after a fork)
    if "numpy" in sys.modules:
        sys.modules["numpy"].random.seed()


def listen(path: str) -> socket.socket:
    """The Unix socket the server accepts kernel requests on, bound at *path*."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(64)
    return listener


def serve(listener: socket.socket, path: str) -> None:
    """Fork a kernel for each client connecting to *listener*, until the build ends.

    The build ends when the server's standard input closes, when it is told to stop
    (SIGTERM, SIGHUP) or when its parent dies (a killed ``report``: the workers it forked
    may keep the input open). An interrupt (Ctrl-C) is left to the build, which then stops
    the server. On the way out every kernel still running is killed, with what it started,
    and the socket and its folder are removed. A client that fails halfway (killed while
    asking) costs only its own kernel.

    Parameters
    ----------
    listener : socket.socket
        From :func:`listen`.
    path : str
        The socket's path.
    """
    parent = os.getppid()
    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_read, False)
    os.set_blocking(wake_write, False)
    signal.set_wakeup_fd(wake_write)
    stopping: list[int] = []
    signal.signal(signal.SIGCHLD, lambda *_: None)  # a handler, so the wake-up byte is written
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, lambda signum, _: stopping.append(signum))
    selector = selectors.DefaultSelector()
    selector_fd = selector.fileno() if hasattr(selector, "fileno") else -1
    selector.register(listener, selectors.EVENT_READ, "accept")
    selector.register(wake_read, selectors.EVENT_READ, "signal")
    selector.register(0, selectors.EVENT_READ, "parent")
    #: pid of each running kernel -> the connection of its client (None once it closed)
    kernels: dict[int, socket.socket | None] = {}
    try:
        while not stopping and os.getppid() == parent:
            for key, _ in selector.select(timeout=1.0):
                if key.data == "accept":
                    server_fds = [listener.fileno(), selector_fd, wake_read, wake_write]
                    _accept(listener, selector, kernels, server_fds)
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
                        stopping.append(0)
                else:  # a client's connection: it closed (its client was killed)
                    pid = key.data
                    conn = kernels.get(pid)
                    try:
                        closed = conn is not None and not conn.recv(4096)
                    except OSError:
                        closed = True
                    if closed and conn is not None:
                        selector.unregister(conn)
                        conn.close()
                        kernels[pid] = None
                        _kill(pid)
    finally:
        for pid in kernels:
            _kill(pid)
        listener.close()
        with contextlib.suppress(OSError):
            os.unlink(path)
        with contextlib.suppress(OSError):
            os.rmdir(os.path.dirname(path))  # the folder made for the socket


def _accept(
    listener: socket.socket,
    selector: selectors.BaseSelector,
    kernels: dict[int, socket.socket | None],
    server_fds: list[int],
) -> None:
    """Take one client's request and fork its kernel; a client failing halfway is dropped."""
    conn, _ = listener.accept()
    conn.settimeout(10)  # a client sends its request at once: do not wait for one that stalls
    fds: list[int] = []
    try:
        request, fds = receive_message(conn, fds=3)
        if request is None or len(fds) != 3:
            raise OSError("incomplete request")
        conn.settimeout(None)
        held = [fd for fd in server_fds if fd >= 0] + [conn.fileno()]
        held += [c.fileno() for c in kernels.values() if c is not None]
        pid = os.fork()
        if pid == 0:
            _become_kernel(request, fds, held)
    except (OSError, ValueError):
        for fd in fds:
            os.close(fd)
        conn.close()
        return
    for fd in fds:
        os.close(fd)
    kernels[pid] = conn
    try:
        send_message(conn, {"pid": pid})
        selector.register(conn, selectors.EVENT_READ, pid)
    except OSError:  # its client is gone: so is the kernel
        kernels[pid] = None
        conn.close()
        _kill(pid)


def _kill(pid: int) -> None:
    """Kill a kernel and whatever it started (it leads its own process group)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)
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
    """Read the job (one JSON line), check, answer, and serve when asked.

    The answer is the one line written on the original standard output; anything the
    imports print goes to standard error instead.
    """
    answers = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    job = json.loads(sys.stdin.readline())
    _warm(job)
    answer = _in_child(_check, job)
    ok = not set(answer) & {"data", "error"} and not answer["pages"]
    listener = None
    if job["serve"] and ok:
        listener = listen(job["socket"])  # ready before the build hears the answer
        answer["socket"] = job["socket"]
    answers.write(json.dumps(answer) + "\n")
    answers.close()
    if listener is not None:
        serve(listener, job["socket"])
    # nothing left to clean up: skip the interpreter's slow tear-down of everything imported
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
