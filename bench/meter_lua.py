"""The view meter's own cost: the one Lua call a metered response makes, vs a plain Redis PING (same run).

    python -m bench.meter [--calls 5000]

The code-page benchmark cannot resolve a sub-millisecond difference on 2 shared cores; this measures
what metering adds to a response directly: RedisMeter.admit for a page of codes.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics

from bench.common import row, timed
from graph_api.access import redis_client, redis_keys
from graph_api.access.identity import Identity
from graph_api.access.scripts import Scripts
from graph_api.access.view_meter import RedisMeter
from graph_api.settings import get_settings
from schema.records import CodeKey


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=5000)
    args = parser.parse_args()
    settings = get_settings()
    redis = redis_client.connect(settings.model_copy(update={"redis_timeout_s": 1.0}))
    scripts = Scripts(redis)
    meter = RedisMeter(redis, scripts, Identity("premium", "bench:meter", -1), 86400)
    keys = [CodeKey("CPT", "97550")]
    await timed(lambda: meter.admit(keys), 200)  # warm-up
    admit = await timed(lambda: meter.admit(keys), args.calls)
    ping = await timed(redis.ping, args.calls)
    await redis.delete(redis_keys.views("bench:meter"))
    await redis.aclose()
    print(f"View meter, {args.calls:,} calls each, one code per call, local redis-server")
    row("meter admit (EVALSHA record_views) p50", statistics.median(admit), "ms")
    row("meter admit p99", sorted(admit)[int(len(admit) * 0.99) - 1], "ms")
    row("redis PING p50 (floor: one round trip)", statistics.median(ping), "ms")
    row("meter adds per metered response (p50)", statistics.median(admit), "ms", "goal <= 0.2")


if __name__ == "__main__":
    asyncio.run(main())
