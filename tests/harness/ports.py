"""Fixed ports of test servers, one set per pytest-xdist worker: the tests that use them
may run at the same time on two workers (gwN gets its base + N × its step)."""

import os


def worker_index() -> int:
    """N of this process's xdist worker gwN; 0 without xdist."""
    return int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)


def worker_port(base: int, step: int) -> int:
    return base + step * worker_index()
