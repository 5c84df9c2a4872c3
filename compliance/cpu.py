"""CPU seconds of a process and its descendants, read from /proc (Linux), for the fleet
estimate: on a shared machine wall time measures the neighbours, CPU time the work."""

from __future__ import annotations

import os
from pathlib import Path

PROC = Path("/proc")


def _stat(pid: int) -> tuple[int, float] | None:
    """(parent pid, CPU seconds of the process and of its children it has waited for)."""
    try:
        data = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    # The command name may hold spaces and parentheses: the fields follow its last ")".
    fields = data[data.rindex(")") + 2 :].split()
    ticks = sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
    return int(fields[1]), ticks / os.sysconf("SC_CLK_TCK")


def tree_seconds(pid: int) -> float | None:
    """CPU seconds used so far by `pid` and every live descendant (a browser's renderers,
    a server's workers); processes that ended count through the parent that reaped them.
    None where /proc cannot be read."""
    if not PROC.is_dir():
        return None
    stats = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit() and (stat := _stat(int(entry.name))) is not None:
            stats[int(entry.name)] = stat
    if pid not in stats:
        return None
    children: dict[int, list[int]] = {}
    for child, (parent, _seconds) in stats.items():
        children.setdefault(parent, []).append(child)
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        total += stats[current][1]
        todo.extend(children.get(current, []))
    return total
