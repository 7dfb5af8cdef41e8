"""validateClaim and validateClaims: check the input, read the facts of every claim at once, apply the rules.

Validation reads no descriptions and consumes no code page views."""

from __future__ import annotations

from strawberry.types import Info

from schema import reads
from schema.claims.inputs import ClaimInputError, RawClaim, RawLine, checked
from schema.claims.model import Claim
from schema.claims.rules import facts_request, validate
from schema.claims.types import ClaimInput, ClaimReport
from schema.context import Context
from schema.errors import BadUserInput
from schema.releases import Release

MAX_CLAIMS = 1000
MAX_REQUEST_LINES = 20_000


def _raw(claim: ClaimInput) -> RawClaim:
    return RawClaim(
        date_of_service=claim.date_of_service,
        setting=claim.setting.value,
        claim_id=claim.claim_id,
        lines=[
            RawLine(
                id=line.id,
                code=line.code,
                system=line.system.value if line.system else None,
                modifiers=line.modifiers,
                units=line.units,
                date_of_service=line.date_of_service,
            )
            for line in claim.lines
        ],
    )


def _checked(claim: ClaimInput, index: int | None, argument: str) -> Claim:
    try:
        return checked(_raw(claim), index)
    except ClaimInputError as exc:
        raise BadUserInput(str(exc), argument=argument, claim=exc.claim, line=exc.line, field=exc.field) from exc


async def _reports(info: Info[Context, None], claims: list[Claim]) -> list[ClaimReport]:
    facts = await info.context.load(reads.CLAIM_FACTS, facts_request(claims))
    releases: dict[str, Release] = {}
    return [ClaimReport.of(validate(claim, facts), releases) for claim in claims]


async def validate_claim(info: Info[Context, None], claim: ClaimInput) -> ClaimReport:
    return (await _reports(info, [_checked(claim, None, "claim")]))[0]


async def validate_claims(info: Info[Context, None], claims: list[ClaimInput]) -> list[ClaimReport]:
    if len(claims) > MAX_CLAIMS:
        raise BadUserInput(f"at most {MAX_CLAIMS} claims per request, got {len(claims)}", argument="claims")
    lines = sum(len(c.lines) for c in claims)
    if lines > MAX_REQUEST_LINES:
        raise BadUserInput(f"at most {MAX_REQUEST_LINES} claim lines per request, got {lines}", argument="claims")
    return await _reports(info, [_checked(c, n, "claims") for n, c in enumerate(claims)])
