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


@strawberry.enum(description="The claim setting an NCCI edit table applies to.")
class Setting(Enum):
    PRACTITIONER = "practitioner"
    HOSPITAL = "hospital"
    DME = "dme"


@strawberry.enum(description="Which side of a PTP pair the code is on.")
class PtpRole(Enum):
    COLUMN1 = "column1"
    COLUMN2 = "column2"
    ANY = "any"
