"""A code page at once: the root `code` field looks at what its selection will load and asks for it all in one
read (reads.CODE_PAGE), then primes each part's DataLoader, so the page costs one round trip, not six.

Only parts whose arguments are plain (no per-field asOf, one hop of crosswalks, the first of each kind) are
looked ahead; anything else loads as usual when its resolver runs, so the answer never depends on the look-ahead.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, TypeVar

from strawberry.types import Info
from strawberry.types.nodes import SelectedField

from schema import reads
from schema.context import Context
from schema.edits import ptp_list_key, ptp_page_key
from schema.enums import CodeSystem, PtpRole, Setting
from schema.errors import BadUserInput
from schema.records import CodeKey, CodeRecord, CrosswalkKey, DatedKey, PageKey, PtpKey

E = TypeVar("E", bound=Enum)


async def load_page(info: Info[Context, None], key: DatedKey) -> CodeRecord | None:
    """The code of `key`, with the parts of its page primed in the request's DataLoaders."""
    parts: dict[str, object] = {}
    releases = False
    dated = DatedKey(key.system, key.code, key.as_of)  # what the part resolvers ask with (any_status is the code's)
    for root in info.selected_fields:
        for selection in root.selections:
            if not isinstance(selection, SelectedField):
                releases = True  # a fragment: not looked into, so everything it might show is read
                continue
            releases = releases or _shows_releases(selection)
            part = _part(selection, dated)
            if part is not None and part[0] not in parts:
                parts[part[0]] = part[1]
    page = await info.context.load(reads.CODE_PAGE, PageKey(key, tuple(parts.items()), releases))
    context = info.context
    if releases:  # a record without its releases is no answer to CODES
        context.prime(reads.CODES.name, key, page.code)
    for name, part_key, value in page.parts:
        context.prime(name, part_key, value)
    return page.code


def _shows_releases(field: SelectedField) -> bool:
    if field.name == "releases":
        return True
    if field.name != "descriptions":
        return False
    return any(not isinstance(s, SelectedField) or s.name == "release" for s in field.selections)


def _part(field: SelectedField, key: DatedKey) -> tuple[str, object] | None:
    args = field.arguments
    try:
        if field.name in ("primaryCodes", "addOnCodes"):
            read = reads.PRIMARY_CODES if field.name == "primaryCodes" else reads.ADD_ON_CODES
            return (read.name, key) if args.get("asOf") is None else None
        if field.name in ("ptpEditPage", "ptpEdits") and args.get("asOf") is None:
            return (reads.PTP_EDITS.name, _ptp(field.name, args, key))
        if field.name in ("mue", "mues"):
            return reads.MUES.name, CodeKey(key.system, key.code)
        if field.name == "crosswalks" and int(args.get("maxHops", 1)) == 1:
            target = _enum(CodeSystem, args.get("to"))
            return reads.CROSSWALKS.name, CrosswalkKey(key.system, key.code, target.value, 1)
    except (BadUserInput, KeyError, ValueError, TypeError):
        return None  # a bad argument: the field's own resolver says what is wrong
    return None


def _ptp(name: str, args: dict[str, Any], key: DatedKey) -> PtpKey:
    setting = _enum(Setting, args.get("setting", Setting.PRACTITIONER))
    role = _enum(PtpRole, args.get("role", PtpRole.ANY))
    if name == "ptpEdits":
        return ptp_list_key(key, setting, role, int(args.get("first", 100)))
    return ptp_page_key(key, setting, role, int(args.get("first", 20)), args.get("after"))


def _enum(kind: type[E], value: object) -> E:
    """An enum argument as a literal (its name) or a variable (the member or its value)."""
    if isinstance(value, kind):
        return value
    if isinstance(value, str) and value in kind.__members__:
        return kind[value]
    return kind(value)
