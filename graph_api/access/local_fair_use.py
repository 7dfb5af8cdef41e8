"""Fair use while Redis is down: the same per-minute limits, counted in this process alone.

When the fair-use Lua call fails, FairUse (fair_use.py) counts the request here instead, with the same limits and
the same clock-minute windows, so a caller hammering the service is still refused with 429 while Redis is away.
The counts are per process: with N server processes a caller gets up to N times its limit until Redis is back
(then Redis counts again; what was counted here is dropped). At most `max_subjects` callers are remembered, the
least recently seen forgotten first, so a flood of new identities costs bounded memory.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable

from graph_api.access import redis_keys

MAX_SUBJECTS = 10_000


class LocalWindows:
    """Per-caller request and cost counters of the current clock minute, in this process."""

    def __init__(
        self, cost_per_minute: int, max_subjects: int = MAX_SUBJECTS, clock: Callable[[], float] = time.time
    ) -> None:
        self.cost_per_minute = cost_per_minute
        self.max_subjects = max_subjects
        self.clock = clock
        self._windows: OrderedDict[str, list[int]] = OrderedDict()  # subject -> [minute, requests, cost]

    def count(self, subject: str, pending_cost: int) -> tuple[int, int, int]:
        """Counts one request and adds `pending_cost`: (requests, cost, seconds left) of this minute, as
        fair_use.lua answers."""
        now = self.clock()
        minute = int(now // redis_keys.RATE_WINDOW_S)
        window = self._windows.get(subject)
        if window is None or window[0] != minute:
            window = [minute, 0, 0]
            self._windows[subject] = window
        self._windows.move_to_end(subject)
        window[1] += 1
        window[2] += max(pending_cost, 0)
        while len(self._windows) > self.max_subjects:
            self._windows.popitem(last=False)
        left = redis_keys.RATE_WINDOW_S - (now - minute * redis_keys.RATE_WINDOW_S)
        return window[1], window[2], max(int(left + 0.999), 1)

    def __len__(self) -> int:
        return len(self._windows)
