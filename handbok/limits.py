"""What one check of the content may cost, whatever a file holds.

The loader refuses, before building anything, what would make a file expensive
(handbok/loader.py: size, nesting, anchors, long texts), so these limits are a
second wall, not the first: the content check (load → validate) stops after
CHECK_SECONDS and may take at most CHECK_MEMORY of address space beyond what the
process already held. Each generator process (MkDocs) gets BUILDER_MEMORY of
address space and, in `make build`, BUILDER_SECONDS (handbok/children.py).
"""
from __future__ import annotations

import contextlib
import os
import resource
import signal
import threading

CHECK_SECONDS = 60
CHECK_MEMORY = 1024 * 1024 * 1024          # 1 GiB on top of what the process holds
BUILDER_MEMORY = 4 * 1024 * 1024 * 1024    # per MkDocs process (a build of the handbook peaks far below)
BUILDER_SECONDS = 30 * 60                  # per MkDocs build in `make build`


class LimitExceeded(Exception):
    """The check ran past CHECK_SECONDS."""


def _address_space() -> int:
    with open("/proc/self/statm", encoding="ascii") as f:
        return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


# A signal's exception raised inside a garbage-collector callback or a __del__ is
# printed and dropped by Python, so an overrun is remembered, the timer fires again
# until an exception gets through, and a block that ends anyway after it still fails.
_RETRY_SECONDS = 0.05


@contextlib.contextmanager
def bounded(seconds: float | None = None, memory: int | None = None):
    """Run the block with a time limit (main thread only: it is a timer signal) and a
    memory limit (RLIMIT_AS, restored afterwards). Over time: LimitExceeded; over
    memory: MemoryError."""
    seconds = CHECK_SECONDS if seconds is None else seconds
    memory = CHECK_MEMORY if memory is None else memory
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = _address_space() + memory
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if soft != resource.RLIM_INFINITY:
        limit = min(limit, soft)
    timed = threading.current_thread() is threading.main_thread()
    overrun = []

    def _overrun(signum, frame):
        overrun.append(signum)
        signal.setitimer(signal.ITIMER_REAL, _RETRY_SECONDS)
        raise LimitExceeded

    if timed:
        previous = signal.signal(signal.SIGALRM, _overrun)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
        if overrun:
            raise LimitExceeded
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def describe() -> tuple[str, str]:
    """The limits as the check-limit message shows them (sv, en)."""
    gib = CHECK_MEMORY / 1024**3
    return (f"{CHECK_SECONDS:g} sekunder eller {gib:g} GiB minne", f"{CHECK_SECONDS:g} seconds or {gib:g} GiB of memory")
