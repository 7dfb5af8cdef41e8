"""The CasePilot MCP server: tools, the code:// resource and prompts; served over stdio or mounted at /mcp."""

from __future__ import annotations

import inspect
import json
import os
from collections.abc import Mapping
from dataclasses import replace
from typing import Annotated

import anyio
import strawberry
from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ResourceError, ToolError
from mcp.server.streamable_http_manager import StreamableHTTPASGIApp, StreamableHTTPSessionManager
from mcp.server.transport_security import TransportSecuritySettings
from mcp_types import ToolAnnotations
from pydantic import Field

from graph_api.access.identity import Identity, IdentityError, Resolver, credential_headers
from graph_api.mcp import documents
from graph_api.mcp.calls import GraphQLCall, Identify
from graph_api.mcp.tools import CasePilot
from graph_api.services import Services
from graph_api.settings import Settings
from schema import build_schema

TOOLS = ("search_codes", "get_code", "primary_codes", "add_on_codes", "ptp_edits", "crosswalk", "explain_relation")
CLAIM_FIELD = "validateClaim"
STDIO_CLIENT = "stdio"  # the "client address" of a stdio guest: guests of one machine share one allowance
INSTRUCTIONS = (
    "CasePilot answers medical-coding questions from official CMS, CDC and AMA releases loaded into a graph: codes,"
    " NCCI add-on, PTP and MUE edits, GEM crosswalks, ICD-10-CM notes. Every answer carries `citations` (release id"
    " and label, files, line where known, date of service): cite them, and state no code, edit or modifier rule that"
    " a tool did not return. get_code (and the code:// resource) is a metered code page view; search_codes,"
    " primary_codes, add_on_codes, ptp_edits, crosswalk and explain_relation are not."
)


def claim_operation(schema: strawberry.Schema) -> str | None:
    """`query` or `mutation` when the schema has claim validation (it is being built alongside), else None."""
    graphql = schema._schema
    for operation, root in (("query", graphql.query_type), ("mutation", graphql.mutation_type)):
        if root is not None and CLAIM_FIELD in root.fields:
            return operation
    return None


def build_server(services: Services, identify: Identify) -> MCPServer:
    schema = build_schema()
    pilot = CasePilot(GraphQLCall(services, schema, identify))
    server: MCPServer = MCPServer(
        "casepilot", title="CasePilot", instructions=INSTRUCTIONS, version="0.1.0", log_level="WARNING"
    )
    read_only = ToolAnnotations(read_only_hint=True, open_world_hint=False)
    for name in TOOLS:
        tool = getattr(pilot, name)
        server.add_tool(tool, name=name, description=inspect.cleandoc(tool.__doc__), annotations=read_only)
    operation = claim_operation(schema)
    if operation is not None:
        pilot.claim_document = documents.validate_claim(operation)
        claims = pilot.validate_claim
        server.add_tool(
            claims, name="validate_claim", description=inspect.cleandoc(claims.__doc__ or ""), annotations=read_only
        )

    @server.resource(
        "code://{system}/{code}", name="code-page", mime_type="application/json",
        description="A code page (the get_code answer) as of today, e.g. code://CPT/97551. A metered page view.",
    )  # fmt: skip
    async def code_page(system: str, code: str, ctx: Context) -> str:
        try:
            page = await pilot.get_code(system, code, ctx)  # type: ignore[arg-type]  # GraphQL checks the enum
        except ToolError as exc:
            raise ResourceError(str(exc)) from exc
        return json.dumps(page.model_dump(mode="json", by_alias=True))

    @server.prompt(name="check_claim", title="Check this claim")
    def check_claim(
        claim: Annotated[
            str, Field(description="The claim: date of service, setting, and lines (code, modifiers, units)")
        ],
    ) -> str:
        return CHECK_CLAIM.format(claim=claim, how=VALIDATE if operation is not None else BY_PAIRS)

    @server.prompt(name="explain_code_to_patient", title="Explain this code to a patient")
    def explain_code(
        system: Annotated[str, Field(description="CPT, HCPCS, ICD10CM, ICD10PCS, ICD9CM or ICD9PROC")],
        code: Annotated[str, Field(description="The code on the patient's bill or record")],
    ) -> str:
        return EXPLAIN_CODE.format(system=system, code=code)

    return server


CHECK_CLAIM = """Check this claim for coding edits before it is billed:

{claim}

Use the CasePilot tools, not memory. {how} \
For each problem say which lines, which edit, whether a modifier makes it payable (and which), and cite the \
release label and file from the tool's citations. If nothing is wrong, say the claim is clean on that date."""

VALIDATE = "Call validate_claim with the claim's date of service, setting and lines."
BY_PAIRS = (
    "Call ptp_edits(code, other_code, setting, as_of) for every pair of lines, primary_codes for every add-on code"
    " (is one of its primaries on the claim?), and get_code for MUE unit limits."
)

EXPLAIN_CODE = """Explain {system} code {code} to a patient in plain words (no jargon, two or three short \
paragraphs): what the service or condition is, and why it may appear on their bill or record together with \
related codes. Call get_code(system="{system}", code="{code}") first and use its plain and short descriptions; \
do not invent details the tool did not return. End with the source: the release label from the citations."""


async def request_identity(ctx: Context) -> Identity:
    """The caller of an HTTP request: the identity the API's IdentityMiddleware put in the ASGI scope."""
    request = ctx.request_context.request
    found = getattr(request, "scope", {}).get("state", {}).get("identity")
    if not isinstance(found, Identity):
        raise IdentityError(401, "No caller identity: /mcp must be served behind the API's IdentityMiddleware.")
    return found


def environment_identity(resolver: Resolver, env: Mapping[str, str]) -> Identify:
    """The caller of a stdio server: GRAPH_API_KEY (partner) or GRAPH_API_TOKEN (user), else a guest.

    Resolved on every call, as the API does per request: a revoked key, an expired token and a partner's
    requests per minute count the same way."""
    headers = credential_headers(env.get("GRAPH_API_KEY"), env.get("GRAPH_API_TOKEN"))

    async def identify(ctx: Context) -> Identity:
        identity, _, _ = await resolver.resolve(headers, STDIO_CLIENT)
        if identity.tier == "guest":  # no cookie to keep: every stdio guest of this machine is one guest
            return replace(identity, meter=f"ip:{STDIO_CLIENT}", shared=None, shared_limit=-1)
        return identity

    return identify


def serve_stdio(settings: Settings) -> None:
    """`graph-api mcp`: the protocol on stdin/stdout, nothing else on stdout."""

    async def run() -> None:
        services = Services(settings)
        try:
            server = build_server(services, environment_identity(services.resolver, os.environ))
            await server.run_stdio_async()
        finally:
            await services.close()

    anyio.run(run)


def streamable_http_app(services: Services) -> tuple[StreamableHTTPASGIApp, StreamableHTTPSessionManager]:
    """The Streamable HTTP endpoint for /mcp and its session manager (to run while the app runs).

    Stateless with JSON answers: any worker answers any request, and each request is authenticated on its own.
    DNS-rebinding checks are off: like /graphql, the endpoint is a public API whose callers present credentials."""
    server = build_server(services, request_identity)
    server.streamable_http_app(
        stateless_http=True,
        json_response=True,
        transport_security=TransportSecuritySettings(enable_dns_rebinding_protection=False),
    )
    return StreamableHTTPASGIApp(server.session_manager), server.session_manager
