"""Kernels for the pages: forked warm from the kernel server, or started cold.

:mod:`report.kernel_server` imports what the pages need once and forks a kernel per page;
the kernel manager papermill uses to get one (:func:`kernel_manager_class`): instead of
starting ``python -m ipykernel_launcher …`` (a new interpreter importing everything again),
it starts :mod:`report.kernel_client`, which asks the server for a fork. Everything else
(connection file, ports, interrupt, shutdown, restart) is Jupyter's own kernel manager.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

__all__ = ["SERVER_ENV", "kernel_manager_class"]

#: Environment variable naming the kernel server's socket; unset, pages start cold kernels.
SERVER_ENV = "REPORT_KERNEL_SERVER"
#: Set to ``0`` to start every page's kernel cold (a new interpreter), for comparison.
WARM_ENV = "REPORT_WARM_KERNELS"
CLIENT = Path(__file__).with_name("kernel_client.py")


def warm_wanted() -> bool:
    """Whether kernels should be forked warm (unless ``REPORT_WARM_KERNELS=0``)."""
    return os.environ.get(WARM_ENV, "1") != "0"


def kernel_manager_class() -> Any:
    """The kernel manager class for papermill: warm when a server is running, else None.

    Returns
    -------
    type or None
        A subclass of Jupyter's ``AsyncKernelManager``, or None for Jupyter's
        default (a cold kernel).
    """
    if not os.environ.get(SERVER_ENV):
        return None
    from jupyter_client import AsyncKernelManager

    class WarmKernelManager(AsyncKernelManager):
        """Start the kernel as a fork of the kernel server (see the module's description)."""

        def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
            cmd = super().format_kernel_cmd(extra_arguments)
            if "ipykernel_launcher" not in cmd or cmd[0] != sys.executable:
                return cmd  # not the IPython kernel of this interpreter: start it as is
            # [python, -m, ipykernel_launcher, -f, FILE, …]: the kernel's own arguments
            args = cmd[cmd.index("ipykernel_launcher") + 1 :]
            return [sys.executable, "-E", "-s", "-S", str(CLIENT), os.environ[SERVER_ENV], *args]

    return WarmKernelManager
