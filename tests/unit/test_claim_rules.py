"""The claim rules on hand-made facts: pure, no services."""

from __future__ import annotations

from datetime import date

import pytest

from schema.claims.inputs import ClaimInputError, RawClaim, RawLine, checked, infer_system
from schema.claims.model import AddOnWindow, Claim, ClaimFacts, CodeFacts, MueFact, PtpFact
from schema.claims.policy import PTP_ASSOCIATED
from schema.claims.rules import facts_request, validate
from schema.records import ReleaseRecord

D = date(2024, 6, 1)
OPEN = date(9999, 12, 31)
RELEASES = {
    "aoc": ReleaseRecord("aoc", "ncci_aoc", "AOC_TEST"),
    "ptp": ReleaseRecord("ptp", "ncci_ptp/practitioner", "PTP_TEST"),
    "sample": ReleaseRecord("sample", "sample", "sample"),
    "mue": ReleaseRecord("mue", "ncci_mue/practitioner", "MUE_TEST"),
    "pfs": ReleaseRecord("pfs", "pfs", "PFS_TEST"),
    "cpt": ReleaseRecord("cpt", "cpt", "CPT_TEST"),
}


def claim(*lines: RawLine, setting: str = "practitioner", day: date = D) -> Claim:
    return checked(RawClaim(day, list(lines), setting, "C1"))


def line(code: str, *modifiers: str, units: int = 1, on: date | None = None, id: str | None = None) -> RawLine:
    return RawLine(id, code, None, modifiers, units, on)


def known(code: str, **facts: object) -> CodeFacts:
    system = infer_system(code) or "CPT"
    return CodeFacts(system, code, True, **facts)  # type: ignore[arg-type]


def ptp(one: str, two: str, indicator: int, start: date, end: date | None, release: str = "ptp") -> PtpFact:
    valid_to = end or OPEN
    if end == start:
        valid_to = date.fromordinal(start.toordinal() - 1)
    return PtpFact(
        "CPT", one, "CPT", two, "practitioner", indicator, start, end, start, valid_to, "why", False, release
    )


def facts(*codes: CodeFacts, ptp: tuple[PtpFact, ...] = ()) -> ClaimFacts:
    by_column1: dict[tuple[str, str], tuple[PtpFact, ...]] = {}
    for edit in ptp:
        by_column1[(edit.column1_system, edit.column1)] = (
            *by_column1.get((edit.column1_system, edit.column1), ()),
            edit,
        )
    return ClaimFacts({(c.system, c.code): c for c in codes}, by_column1, RELEASES)


def rules(report_claim: Claim, graph: ClaimFacts) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(f.rule, f.severity, f.line_ids) for f in validate(report_claim, graph).findings]


def test_unknown_and_not_in_effect_codes() -> None:
    graph = facts(known("99213"), known("G0008", termination_date=date(2024, 1, 1), code_release="cpt"))
    c = claim(line("99213"), line("G0008"), line("12345"))
    assert rules(c, graph) == [("CODE_NOT_IN_EFFECT", "ERROR", ("2",)), ("UNKNOWN_CODE", "ERROR", ("3",))]
    report = validate(c, graph)
    assert not report.clean and report.findings[0].release == RELEASES["cpt"]
    assert rules(claim(line("G0008"), day=date(2023, 12, 31)), graph) == []


def test_add_on_types() -> None:
    type1 = AddOnWindow(1, "CPT", "22612", date(2013, 4, 1), OPEN, "aoc")
    type3 = AddOnWindow(3, "CPT", "36000", date(2013, 4, 1), OPEN, "aoc")
    contractor = AddOnWindow(2, None, None, date(2013, 4, 1), OPEN, "aoc")
    graph = facts(
        known("22614", add_ons=(type1,)),
        known("22612"),
        known("36001", add_ons=(type3,)),
        known("0054T", add_ons=(contractor,)),
    )
    assert rules(claim(line("22614")), graph) == [("ADD_ON_WITHOUT_PRIMARY", "ERROR", ("1",))]
    assert rules(claim(line("22612"), line("22614")), graph) == []
    # the primary on another date of service does not count
    assert rules(claim(line("22612", on=date(2024, 6, 2)), line("22614")), graph)[0][0] == "ADD_ON_WITHOUT_PRIMARY"
    assert rules(claim(line("36001")), graph) == [("ADD_ON_WITHOUT_PRIMARY", "WARNING", ("1",))]
    assert rules(claim(line("0054T")), graph) == [("ADD_ON_CONTRACTOR_PRIMARY", "WARNING", ("1",))]
    assert validate(claim(line("22614")), graph).findings[0].remedy == "Report it with one of its primary codes: 22612."
    # outside the edit window the code is not an add-on
    assert rules(claim(line("22614"), day=date(2012, 1, 1)), graph) == []


def test_ptp_indicators_and_windows() -> None:
    edits = (
        ptp("0001A", "36591", 0, date(2022, 1, 1), date(2023, 12, 31)),
        ptp("0001A", "0591T", 1, date(2022, 1, 1), None),
        ptp("0001A", "90473", 9, date(2022, 1, 1), date(2022, 1, 1)),
    )
    graph = facts(known("0001A"), known("36591"), known("0591T"), known("90473"), ptp=edits)
    c = claim(line("36591"), line("0001A"), line("0591T"), line("90473"), day=date(2022, 6, 1))
    found = validate(c, graph).findings
    assert [(f.rule, f.line_ids, f.codes) for f in found] == [
        ("PTP_NOT_ALLOWED", ("2", "1"), ("0001A", "36591")),
        ("PTP_MODIFIER_REQUIRED", ("2", "3"), ("0001A", "0591T")),
    ]
    assert found[0].path[0].type == "PTP" and found[0].release == RELEASES["ptp"]
    assert "XE, XS, XP or XU" in (found[1].remedy or "")
    bypassed = claim(line("0001A"), line("0591T", "XS"), line("36591", "59"), day=date(2022, 6, 1))
    assert rules(bypassed, graph) == [
        ("PTP_NOT_ALLOWED", "ERROR", ("1", "3")),
        ("PTP_MODIFIER_BYPASS", "INFO", ("1", "2")),
    ]
    # modifier 22 is not an NCCI PTP-associated modifier (Chapter I, section E)
    assert rules(claim(line("0001A"), line("0591T", "22")), graph)[0][0] == "PTP_MODIFIER_REQUIRED"
    # the day after the deletion date, and before the effective date: not in effect
    assert rules(claim(line("0001A"), line("36591"), day=date(2024, 1, 1)), graph) == []
    assert rules(claim(line("0001A"), line("36591"), day=date(2021, 12, 31)), graph) == []
    assert rules(claim(line("0001A"), line("36591"), day=date(2023, 12, 31)), graph)[0][0] == "PTP_NOT_ALLOWED"
    # lines on different dates of service are not a pair; DME claims have no PTP table
    assert rules(claim(line("0001A"), line("36591", on=date(2022, 6, 2)), day=date(2022, 6, 1)), graph) == []
    assert rules(claim(line("0001A"), line("36591"), setting="dme", day=date(2022, 6, 1)), graph) == []


def test_ptp_same_edit_from_sample_and_official_names_official() -> None:
    edits = (
        ptp("0001A", "0591T", 1, date(2022, 1, 1), None, release="sample"),
        ptp("0001A", "0591T", 1, date(2022, 1, 1), None),
    )
    graph = facts(known("0001A"), known("0591T"), ptp=edits)
    found = validate(claim(line("0001A"), line("0591T")), graph).findings
    assert len(found) == 1 and found[0].release == RELEASES["ptp"]


def test_e_and_m_column_two_names_modifier_25() -> None:
    graph = facts(known("11055"), known("99213"), ptp=(ptp("11055", "99213", 1, date(2020, 1, 1), None),))
    found = validate(claim(line("11055"), line("99213")), graph).findings
    assert "25" in (found[0].remedy or "") and "XE" not in (found[0].remedy or "")
    assert rules(claim(line("11055"), line("99213", "25")), graph)[0][0] == "PTP_MODIFIER_BYPASS"


def test_mue_adjudication_indicators() -> None:
    def mue(mai: int, value: int = 2) -> MueFact:
        return MueFact("practitioner", value, mai, f"{mai} ...", "Clinical", "mue")

    graph = facts(known("0001U", mues=(mue(1),)), known("0002U", mues=(mue(2),)), known("0009U", mues=(mue(3),)))
    # MAI 1: each line on its own
    assert rules(claim(line("0001U", units=2), line("0001U", "XS", units=2)), graph) == []
    assert rules(claim(line("0001U", units=3), line("0001U", units=1)), graph) == [("MUE_EXCEEDED", "ERROR", ("1",))]
    # MAI 2 and 3: the day's units summed
    assert rules(claim(line("0002U", units=2), line("0002U", units=1)), graph) == [
        ("MUE_EXCEEDED", "ERROR", ("1", "2"))
    ]
    assert rules(claim(line("0002U", units=2), line("0002U", units=1, on=date(2024, 6, 2))), graph) == []
    found = validate(claim(line("0002U", units=3)), graph).findings[0]
    assert "absolute date-of-service limit" in found.message and found.release == RELEASES["mue"]
    assert "appeal" in (validate(claim(line("0009U", units=3)), graph).findings[0].remedy or "")
    # another setting's table does not apply
    assert rules(claim(line("0002U", units=9), setting="hospital"), graph) == []


def test_fee_schedule_modifiers() -> None:
    graph = facts(
        known("22614", pfs={"BILAT SURG": "0", "ASST SURG": "2", "CO-SURG": "2"}, pfs_release="pfs"),
        known("27447", pfs={"BILAT SURG": "1", "ASST SURG": "1", "CO-SURG": "1"}, pfs_release="pfs"),
        known("97550"),
    )
    assert rules(claim(line("22614", "50", "80", "62")), graph) == [("MODIFIER_NOT_VALID", "WARNING", ("1",))]
    found = validate(claim(line("27447", "50", "80")), graph).findings
    assert [(f.rule, f.message.split(" ")[1]) for f in found] == [("MODIFIER_NOT_VALID", "80")]
    assert found[0].release == RELEASES["pfs"] and validate(claim(line("27447", "80")), graph).clean
    assert rules(claim(line("97550", "50")), graph) == []  # no fee-schedule row: nothing to check against


def test_findings_sorted_by_severity_then_line() -> None:
    graph = facts(
        known("22614", add_ons=(AddOnWindow(3, "CPT", "1", date(2000, 1, 1), OPEN, "aoc"),)),
        known("0001A"),
        known("36591"),
        ptp=(ptp("0001A", "36591", 0, date(2022, 1, 1), None),),
    )
    c = claim(line("22614", id="a"), line("X1234", id="b"), line("0001A", id="c"), line("36591", id="d"))
    assert rules(c, graph) == [
        ("UNKNOWN_CODE", "ERROR", ("b",)),
        ("PTP_NOT_ALLOWED", "ERROR", ("c", "d")),
        ("ADD_ON_WITHOUT_PRIMARY", "WARNING", ("a",)),
    ]
    only_warning = claim(line("22614"))
    assert validate(only_warning, graph).clean


def test_facts_request_pairs_codes_of_one_day() -> None:
    c1 = claim(line("0001A"), line("36591"), line("0001A"), line("99213", on=date(2024, 6, 2)))
    c2 = claim(line("36591"), line("G0008"), setting="hospital")
    request = facts_request([c1, c2])
    assert request.codes == (("CPT", "0001A"), ("CPT", "36591"), ("CPT", "99213"), ("HCPCS", "G0008"))
    assert request.groups == ((0, 1), (1, 3)) and request.settings == ("hospital", "practitioner")
    assert facts_request([c1, c1, claim(line("99213"))]).groups == ((0, 1),)


@pytest.mark.parametrize(
    ("raw", "field", "line_id"),
    [
        (RawClaim(D, []), "lines", None),
        (RawClaim(D, [RawLine(None, "99213", units=0)]), "units", "1"),
        (RawClaim(D, [RawLine("x", "99213"), RawLine("y", "99213", units=10000)]), "units", "y"),
        (RawClaim(D, [RawLine(None, "99213")] * 1001), "lines", None),
        (RawClaim(D, [RawLine(None, "99213")], setting="ambulance"), "setting", None),
        (RawClaim(D, [RawLine(None, "E11.9")]), "system", "1"),
        (RawClaim(D, [RawLine(None, "99213", modifiers=["5"])]), "modifiers", "1"),
        (RawClaim(D, [RawLine("a", "99213"), RawLine("a", "99214")]), "id", "a"),
    ],
)
def test_bad_input_names_line_and_field(raw: RawClaim, field: str, line_id: str | None) -> None:
    with pytest.raises(ClaimInputError) as caught:
        checked(raw, 2)
    assert (caught.value.field, caught.value.line, caught.value.claim) == (field, line_id, 2)
    assert str(caught.value).startswith("claim 3")


def test_input_defaults_and_shapes() -> None:
    c = checked(RawClaim(D, [RawLine(None, " e1165 ", "ICD10CM"), RawLine(None, "0001a", modifiers=["xs", " "])]))
    assert [(x.id, x.system, x.code, x.modifiers, x.date_of_service) for x in c.lines] == [
        ("1", "ICD10CM", "E1165", (), D),
        ("2", "CPT", "0001A", ("XS",), D),
    ]
    assert infer_system("G0008") == "HCPCS" and infer_system("0591T") == "CPT" and infer_system("9921") is None
    assert {"59", "XE", "LT", "F9", "T9", "E4", "24", "91"} <= PTP_ASSOCIATED and not {
        "22",
        "76",
        "77",
    } & PTP_ASSOCIATED
