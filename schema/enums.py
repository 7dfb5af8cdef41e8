"""Enumerations shared by the whole schema."""

from enum import Enum

import strawberry


@strawberry.enum(description="A code set. The value is how the graph stores it.")
class CodeSystem(Enum):
    CPT = "CPT"
    HCPCS = "HCPCS"
    ICD10CM = "ICD10CM"
    ICD10PCS = "ICD10PCS"
    ICD9CM = "ICD9CM"
    ICD9PROC = "ICD9PROC"
