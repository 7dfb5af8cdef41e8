"""ICD-10-CM index XMLs (drug, neoplasm, external cause) and ICD-10-CM/PCS addenda, each a release of its own."""

from __future__ import annotations

from collections import Counter

import pytest

from loaders.addenda import parse_addenda, system_of
from loaders.errors import LoadError
from loaders.icd10cm_index import describe, parse_index
from tests.data import FIXTURES, shared


def test_index_fixture_entries() -> None:
    entries = list(parse_index(FIXTURES / "icd10cm_drug_fixture.xml"))
    assert [(e.path, e.heading, e.named, e.code) for e in entries] == [
        (("Acetaminophen",), "Poisoning Accidental (unintentional)", "T39.1X1", "T391X1"),
        (("Acetaminophen",), "Poisoning Intentional self-harm", "T39.1X2", "T391X2"),
        (("Acetaminophen",), "Adverse effect", "T39.1X5", "T391X5"),
        (("Alcohol (ethyl)",), "Poisoning Accidental (unintentional)", "T51.0X1", "T510X1"),
        (("Alcohol (ethyl)", "beverage"), "Poisoning Accidental (unintentional)", "T51.0X1", "T510X1"),
        (("Alcohol (ethyl)", "beverage"), "Poisoning Intentional self-harm", "T51.0X2", "T510X2"),
    ]
    assert describe(FIXTURES / "icd10cm_drug_fixture.xml") == "drug"


def test_index_cell_that_is_no_code_is_reported_with_its_line() -> None:
    with pytest.raises(LoadError) as caught:
        list(parse_index(FIXTURES / "icd10cm_drug_bad_cell.xml"))
    assert caught.value.line == 26 and caught.value.field == "cell" and caught.value.got == "see above"


def test_addenda_fixture_and_real_counts() -> None:
    changes = list(parse_addenda(FIXTURES / "icd10cm-order-addenda-2099.txt"))
    assert [(c.action, c.code, c.billable) for c in changes] == [
        ("delete", "A047", True),
        ("add", "A047", False),
        ("add", "A0473", True),
        ("revise_from", "A0472", True),
        ("revise", "A0472", True),
        ("delete", "A048", True),
    ]
    codes = Counter(c.action for c in parse_addenda(shared("icd10cm/icd10cm-codes-addenda-2023.txt")))
    assert codes == {"add": 1176, "delete": 287, "revise_from": 28, "revise": 28}  # the file's own summary
    pcs = shared("icd10pcs/codes_addenda_2025.txt")
    assert system_of(pcs) == "ICD10PCS"
    assert Counter(c.action for c in parse_addenda(pcs)) == {"add": 371, "delete": 61}
