"""Redis Cluster readiness, read from the code: every key is hash-tagged, and the keys that one Lua script or one
MULTI touches together land in one hash slot (Redis Cluster refuses anything else with CROSSSLOT).

Each `redis_keys.f(arg, ...)` call found in graph_api is evaluated with one placeholder per argument *expression*:
`views(source)` and `views(target)` differ, `rate(key_id, minute)` and `quota(key_id)` share `key_id`. So a new
key function, or a new script call, is checked without a line here.
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Iterator
from pathlib import Path

import pytest
from redis.crc import key_slot

from graph_api.access import redis_keys

ROOT = Path(__file__).resolve().parents[2] / "graph_api"
KEY_FUNCTIONS = {
    name: f
    for name, f in inspect.getmembers(redis_keys, inspect.isfunction)
    if f.__module__ == redis_keys.__name__ and name not in {"tag", "address_meter"}  # these name meters, not keys
}


def _key(call: ast.expr) -> str | None:
    """The key a `redis_keys.f(...)` expression names, with placeholders for its arguments; None otherwise."""
    if not (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and isinstance(call.func.value, ast.Name)
        and call.func.value.id == "redis_keys"
    ):
        return None
    args = [a.value if isinstance(a, ast.Constant) else ast.unparse(a) for a in call.args]
    kwargs = {
        k.arg: k.value.value if isinstance(k.value, ast.Constant) else ast.unparse(k.value) for k in call.keywords
    }
    key: str = getattr(redis_keys, call.func.attr)(*args, **kwargs)
    return key


def _script_calls(tree: ast.AST) -> Iterator[tuple[int, list[ast.expr]]]:
    """`scripts["name"](keys=[...], ...)`: the keys of one Lua call."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Subscript):
            for kw in node.keywords:
                if kw.arg == "keys" and isinstance(kw.value, ast.List):
                    yield node.lineno, list(kw.value.elts)


def _transactions(tree: ast.AST) -> Iterator[tuple[int, list[ast.expr]]]:
    """`async with x.pipeline(transaction=True) as pipe:` blocks: every redis_keys call inside is one MULTI."""
    for node in ast.walk(tree):
        if isinstance(node, ast.AsyncWith | ast.With):
            for item in node.items:
                call = item.context_expr
                if (
                    isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Attribute)
                    and call.func.attr == "pipeline"
                    and any(
                        k.arg == "transaction" and isinstance(k.value, ast.Constant) and k.value.value
                        for k in call.keywords
                    )
                ):
                    found = [n for stmt in node.body for n in ast.walk(stmt) if _key(n) is not None]  # type: ignore[arg-type]
                    yield node.lineno, found  # type: ignore[misc]


def _groups() -> list[tuple[str, list[ast.expr]]]:
    groups = []
    for path in sorted(ROOT.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for line, keys in [*_script_calls(tree), *_transactions(tree)]:
            groups.append((f"{path.relative_to(ROOT.parent)}:{line}", keys))
    return groups


GROUPS = _groups()


def test_the_scan_finds_the_known_call_sites() -> None:
    sites = " ".join(site for site, _ in GROUPS)
    assert "view_meter.py" in sites and "identity.py" in sites and "api_keys.py" in sites


@pytest.mark.parametrize(("site", "keys"), GROUPS, ids=[site for site, _ in GROUPS])
def test_keys_used_together_share_one_slot(site: str, keys: list[ast.expr]) -> None:
    if len(keys) < 2:
        return
    names = [_key(k) for k in keys]
    assert None not in names, f"{site}: pass redis_keys.f(...) calls directly as keys, so their slots can be checked"
    slots = {name: key_slot(name.encode()) for name in names if name}
    assert len(set(slots.values())) == 1, f"{site}: keys in different Redis Cluster slots: {slots}"


@pytest.mark.parametrize("name", sorted(KEY_FUNCTIONS))
def test_every_key_has_a_hash_tag(name: str) -> None:
    f = KEY_FUNCTIONS[name]
    key = f(*[f"x{i}" for i in range(len(inspect.signature(f).parameters))])
    assert key.startswith(redis_keys.PREFIX + ":")
    start = key.find("{")
    assert start >= 0 and key.find("}", start) > start + 1, f"{name}() -> {key}: no hash tag"


def test_a_callers_keys_share_its_slot() -> None:
    assert key_slot(redis_keys.rate("user:u1", 123).encode()) == key_slot(redis_keys.cost("user:u1", 123).encode())
    shared = redis_keys.address_meter("192.0.2.1")
    guest = redis_keys.views("guest:g1", shared)
    assert key_slot(guest.encode()) == key_slot(redis_keys.views(shared).encode())
    assert key_slot(redis_keys.api_key("d1").encode()) == key_slot(redis_keys.api_key_ids().encode())


def test_a_cross_slot_script_call_is_caught() -> None:
    tree = ast.parse('scripts["carry"](keys=[redis_keys.views(source), redis_keys.views(target)], client=r)')
    ((_, keys),) = _script_calls(tree)
    assert len({key_slot(k.encode()) for k in map(_key, keys) if k}) == 2
