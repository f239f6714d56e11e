"""Child processes that never outlive the handbook process that started them.

A build or the preview starts MkDocs processes. If the parent is stopped in a
way that runs no clean-up (kill -9, a crashed terminal, a CI timeout that kills
only the top process), ordinary children would go on building by themselves.
Here each child asks the kernel (prctl PR_SET_PDEATHSIG, Linux) to be killed
when its parent goes, and the children still running at a normal exit are
stopped too. `die_with_parent()` does the same for `python -m handbok` itself, so
stopping `make` stops the build under it.
"""
from __future__ import annotations

import atexit
import ctypes
import os
import resource
import signal
import subprocess
import weakref

PR_SET_PDEATHSIG = 1
try:
    _prctl = ctypes.CDLL(None, use_errno=True).prctl  # looked up now: the child must not allocate
except (OSError, AttributeError):  # pragma: no cover - not Linux
    _prctl = None

_running: weakref.WeakSet = weakref.WeakSet()


def die_with_parent(sig: int = signal.SIGTERM) -> None:
    """Ask the kernel to send `sig` to this process when its parent exits.
    (It fires when the parent's *thread* that started us ends; our parents start us
    from their main thread.)"""
    if _prctl is None:
        return
    parent = os.getppid()
    _prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0)
    if os.getppid() != parent:  # the parent went before we asked
        os.kill(os.getpid(), sig)


def popen(cmd, *, memory: int | None = None, **kwargs) -> subprocess.Popen:
    """subprocess.Popen whose child dies with this process (SIGKILL) and, if `memory`
    is given, may use at most that much address space."""

    def in_child() -> None:
        if _prctl is not None:
            _prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        if memory:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    proc = subprocess.Popen(cmd, preexec_fn=in_child, **kwargs)  # noqa: PLW1509 - only a syscall in the child
    _running.add(proc)
    return proc


@atexit.register
def _stop_children() -> None:
    for proc in list(_running):
        if proc.poll() is None:
            proc.terminate()
    for proc in list(_running):
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
