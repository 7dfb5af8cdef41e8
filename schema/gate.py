"""Limits before work: one cache of parsed, validated and measured documents, and the cost check per request.

A document is parsed (at most `max_tokens` tokens), measured (depth, aliases, selections, cost; cost.py) and
validated once; the entry is kept in an LRU bounded by entries and by an estimate of its bytes. Per request only
the cost is evaluated against the caller's budget (`Context.cost_limit`): QUERY_TOO_COMPLEX with
`extensions.cost {requested, limit}` over it, and every answer says what it cost. The cost is checked before
validation, and a document is validated the first time a caller within its budget sends it: validating a large
document costs several times its parse, which a refusal never pays.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from threading import Lock
from typing import Any

from graphql import DocumentNode, GraphQLError, GraphQLSchema, parse
from graphql.validation import ASTValidationRule, NoSchemaIntrospectionCustomRule
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

from schema.cost import Limits, Shape, TooComplex, shape

# GraphQL's lexical tokens, for counting them at C speed before graphql-core's parser (~10 us a token) reads a
# document over the token limit. A comment matches with an empty group (not a token, as for the parser); a
# string or block string is one token, whatever it holds. For a valid document the count is the parser's (or,
# for oddities like `1-2`, fewer): nothing the parser would accept is refused by it.
_TOKENS = re.compile(
    r'#[^\n\r]*|("""(?:\\"""|(?!""")[\s\S])*"""|"(?:[^"\\\n\r]|\\.)*"|\.\.\.|[!$&():=@\[\]{}|]'
    r"|[_A-Za-z][_0-9A-Za-z]*|-?[0-9][0-9.eE+-]*|[^\s,\ufeff])"
)


def count_tokens(text: str) -> int:
    found = _TOKENS.findall(text)
    return len(found) - found.count("")


# A parsed AST takes about 100 bytes per character of query text (measured with tracemalloc); 128 leaves room
# for the validation result and the shape.
BYTES_PER_CHAR = 128


@dataclass(slots=True)
class Checked:
    document: DocumentNode | None
    errors: tuple[GraphQLError, ...]  # parse errors and shape limits: refused whoever sends it
    shape: Shape | None
    validation: tuple[GraphQLError, ...] | None = None  # set on first use within a caller's budget


class DocumentCache:
    """LRU of checked documents by query text, bounded by entries and by estimated bytes."""

    def __init__(self, entries: int, max_bytes: int, max_text: int) -> None:
        self.entries = entries
        self.max_bytes = max_bytes
        self.max_text = max_text
        self.bytes = 0
        self._items: OrderedDict[str, Checked] = OrderedDict()
        self._lock = Lock()

    def get(self, text: str) -> Checked | None:
        with self._lock:
            found = self._items.get(text)
            if found is not None:
                self._items.move_to_end(text)
            return found

    def put(self, text: str, checked: Checked) -> None:
        size = len(text) * BYTES_PER_CHAR
        if self.entries <= 0 or len(text) > self.max_text or size > self.max_bytes:
            return
        with self._lock:
            if text in self._items:
                return
            self._items[text] = checked
            self.bytes += size
            while len(self._items) > self.entries or self.bytes > self.max_bytes:
                old, _ = self._items.popitem(last=False)
                self.bytes -= len(old) * BYTES_PER_CHAR

    def __len__(self) -> int:
        return len(self._items)


@dataclass(frozen=True, slots=True)
class GatePolicy:
    limits: Limits
    cache: DocumentCache
    introspection: bool = True


def too_complex(message: str, **extensions: Any) -> GraphQLError:
    return GraphQLError(message, extensions={"code": "QUERY_TOO_COMPLEX", **extensions})


class DocumentGate(SchemaExtension):
    def __init__(self, policy: GatePolicy) -> None:
        super().__init__()
        self.policy = policy
        self.checked: Checked | None = None
        self.cost: dict[str, int | None] | None = None

    def _check(self, text: str) -> Checked:
        schema: GraphQLSchema = self.execution_context.schema._schema
        most = self.policy.limits.max_tokens
        if len(text) > most and count_tokens(text) > most:  # refused without the parser's ~10 us a token
            return Checked(None, (too_complex(f"Document contains more than {most} tokens. Parsing aborted."),), None)
        try:
            document = parse(text, max_tokens=most)
        except GraphQLError as exc:
            if "tokens" in exc.message:
                return Checked(None, (too_complex(exc.message),), None)
            exc.extensions = {"code": "GRAPHQL_PARSE_FAILED"}
            return Checked(None, (exc,), None)
        try:
            measured = shape(schema, document, self.policy.limits)
        except TooComplex as exc:
            return Checked(document, (too_complex(str(exc)),), None)
        return Checked(document, (), measured)

    def _validated(self, checked: Checked) -> tuple[GraphQLError, ...]:
        if checked.validation is None:  # two requests racing here validate twice, with the same result
            assert checked.document is not None
            rules: tuple[type[ASTValidationRule], ...] = tuple(self.execution_context.validation_rules)
            if not self.policy.introspection:
                rules = (*rules, NoSchemaIntrospectionCustomRule)
            errors = validate_document(self.execution_context.schema._schema, checked.document, rules)
            for error in errors:
                error.extensions = {"code": "GRAPHQL_VALIDATION_FAILED", **(error.extensions or {})}
            checked.validation = tuple(errors)
        return checked.validation

    def on_parse(self) -> Iterator[None]:
        text = self.execution_context.query or ""
        checked = self.policy.cache.get(text)
        if checked is None:
            checked = self._check(text)
            self.policy.cache.put(text, checked)
        self.checked = checked
        if checked.document is None:
            raise checked.errors[0]  # a syntax error or too many tokens: answered as it is, with its code
        self.execution_context.graphql_document = checked.document
        yield

    def on_validate(self) -> Iterator[None]:
        checked = self.checked
        assert checked is not None
        errors = list(checked.errors)
        if not errors and checked.shape is not None:
            ctx = self.execution_context
            requested = checked.shape.cost(ctx.operation_name, ctx.variables)
            limit: int | None = getattr(ctx.context, "cost_limit", None)
            self.cost = {"requested": requested, "limit": limit}
            if limit is not None and requested > limit:
                errors = [too_complex(f"The query costs {requested}, over this caller's limit of {limit}.",
                                      cost=self.cost)]  # fmt: skip
            elif errors := list(self._validated(checked)):
                self.cost = None  # an invalid document runs nothing: it says no cost
            elif ctx.context is not None and getattr(ctx.context, "on_cost", None) is not None:
                ctx.context.on_cost(requested)
        self.execution_context.pre_execution_errors = errors
        yield

    def get_results(self) -> dict[str, Any]:
        return {"cost": self.cost} if self.cost else {}
