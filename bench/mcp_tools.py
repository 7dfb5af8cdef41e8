"""What MCP adds to a tool's answer: each tool over stdio (the SDK's client and `graph-api mcp`) next to the same
GraphQL document executed in-process through the same schema and context (same run, same graph).

    python -m bench.mcp_tools [--calls 200]

Replaces the graph with the sample graph. Metering is off in both (a premium caller would see the same path).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
from typing import Any

from mcp import ClientSession, StdioServerParameters, stdio_client

from bench.common import ROOT, row, sample_only, timed
from graph_api.mcp import documents
from graph_api.services import Services
from graph_api.settings import get_settings
from schema import build_schema

CALLS: list[tuple[str, dict[str, Any], str, dict[str, Any]]] = [
    ("primary_codes", {"system": "CPT", "code": "97551", "as_of": "2025-01-01"}, documents.ADDON_LINKS,
     {"system": "CPT", "code": "97551", "asOf": "2025-01-01", "primaries": True}),
    ("search_codes", {"text": "caregiver training"}, documents.SEARCH_CODES,
     {"text": "caregiver training", "systems": None, "first": 10, "asOf": "2025-01-01"}),
]  # fmt: skip


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=200)
    args = parser.parse_args()
    await sample_only()

    settings = get_settings().model_copy(update={"metering": False})
    services = Services(settings)
    schema = build_schema()
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("GRAPH_API_")}, "METERING": "false"}
    params = StdioServerParameters(command=str(ROOT / ".venv" / "bin" / "graph-api"), args=["mcp"], env=env)
    print(f"MCP tools over stdio vs the same GraphQL document in-process, {args.calls} calls each, sample graph")
    async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
        await session.initialize()
        for tool, arguments, document, variables in CALLS:

            async def over_mcp(tool: str = tool, arguments: dict[str, Any] = arguments) -> None:
                result = await session.call_tool(tool, arguments)
                assert not result.is_error, result.content

            async def in_process(document: str = document, variables: dict[str, Any] = variables) -> None:
                result = await schema.execute(document, variable_values=variables, context_value=services.context(None))
                assert not result.errors, result.errors

            await timed(over_mcp, 20)  # warm-up
            await timed(in_process, 20)
            mcp = await timed(over_mcp, args.calls)
            base = await timed(in_process, args.calls)
            row(f"{tool}: MCP stdio p50", statistics.median(mcp), "ms")
            row(f"{tool}: GraphQL in-process p50", statistics.median(base), "ms", "baseline")
            row(f"{tool}: MCP stdio p99", sorted(mcp)[int(len(mcp) * 0.99) - 1], "ms")
            row(f"{tool}: GraphQL in-process p99", sorted(base)[int(len(base) * 0.99) - 1], "ms", "baseline")
    await services.close()


if __name__ == "__main__":
    asyncio.run(main())
