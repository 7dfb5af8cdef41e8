"""Graph model v1 is created idempotently; every statement in cypher/ is well-formed and named."""

from __future__ import annotations

import re

from tests.data import ROOT

INLINE_CYPHER = re.compile(r"""["'](MATCH|MERGE|UNWIND|CREATE|CALL|RETURN|OPTIONAL MATCH) """)


def test_no_cypher_in_python() -> None:
    for folder in ("graph_api", "schema", "loaders"):
        for path in (ROOT / folder).rglob("*.py"):
            assert not INLINE_CYPHER.search(path.read_text()), f"{path}: Cypher belongs in cypher/*.cypher"


def test_schema_package_is_framework_neutral() -> None:
    forbidden = re.compile(r"^\s*(import|from)\s+(neo4j|redis|starlette)\b", re.M)
    for path in (ROOT / "schema").rglob("*.py"):
        assert not forbidden.search(path.read_text()), f"{path} imports a framework"
