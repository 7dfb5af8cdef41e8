"""The static shape of a GraphQL document: depth, aliases, selections and cost, computed once per document.

Cost model (docs/security.md): a field whose type is an object costs 1 (scalars 0), some fields carry their own
weight (WEIGHTS), multiplied by `maxHops` where they have it; each element of a list of objects costs 1 more.
What a field selects (and its elements) is multiplied by its `first`,
by the length of a `refs`/`from` list, or, for any other list of objects, by LIST_GUESS (a connection's `edges`
are already counted by `first`). Multipliers are capped at what the resolvers accept (a larger value is their
BAD_USER_INPUT, not a cost). Multipliers given as variables are kept symbolic and read from each request's
variables, so the analysis itself is cached with the document.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValueNode,
    VariableNode,
    get_named_type,
)

from schema.crosswalks import MAX_HOPS
from schema.paging import MAX_PAGE

MAX_REFS = 1000  # schema/query.py refuses more (BAD_USER_INPUT)

WEIGHTS = {"searchCodes": 10, "explainRelation": 100, "crosswalk": 5, "crosswalks": 5, "relatedCodes": 5}
LIST_GUESS = 5  # lists without `first`: children, notes, descriptions... rarely more, often fewer
CAPS = {"first": MAX_PAGE, "maxHops": MAX_HOPS, "refs": MAX_REFS, "from": MAX_REFS}
PAGE_ARGS = ("first",)
LIST_ARGS = ("refs", "from")


class TooComplex(Exception):
    """The document is over a static limit (depth, aliases, selections); refused before validation."""


@dataclass(frozen=True, slots=True)
class Multiplier:
    """A factor read from an argument: a literal (value), else a variable (name) with a fallback."""

    value: int
    cap: int
    variable: str | None = None
    length: bool = False  # the variable is a list: its length counts

    def of(self, variables: Mapping[str, Any]) -> int:
        if self.variable is None or self.variable not in variables:
            return min(self.value, self.cap)
        found = variables[self.variable]
        if self.length:
            return min(len(found), self.cap) if isinstance(found, list) else 1
        usable = isinstance(found, int) and not isinstance(found, bool) and found > 0
        return min(found if usable else self.value, self.cap)


@dataclass(frozen=True, slots=True)
class CostNode:
    base: int
    hops: Multiplier | None  # multiplies the base
    factors: tuple[Multiplier, ...]  # multiply what the field selects
    each: int  # 1 for a list: every element is an object
    children: tuple[CostNode, ...]

    def cost(self, variables: Mapping[str, Any]) -> int:
        total = self.each + sum(c.cost(variables) for c in self.children)
        for factor in self.factors:
            total *= factor.of(variables)
        return self.base * (self.hops.of(variables) if self.hops else 1) + total


@dataclass(frozen=True, slots=True)
class Shape:
    depth: int
    aliases: int
    selections: int
    operations: Mapping[str | None, tuple[CostNode, ...]]
    constant: Mapping[str | None, int | None]  # the cost when no multiplier is a variable

    def cost(self, operation: str | None, variables: Mapping[str, Any] | None) -> int:
        name = operation if operation in self.operations else next(iter(self.operations), None)
        fixed = self.constant.get(name)
        if fixed is not None:
            return fixed
        return sum(n.cost(variables or {}) for n in self.operations.get(name, ()))


@dataclass(frozen=True, slots=True)
class Limits:
    max_depth: int = 12
    max_aliases: int = 50
    max_selections: int = 1000
    max_tokens: int = 2_000


class _Walk:
    def __init__(self, schema: GraphQLSchema, document: DocumentNode, limits: Limits) -> None:
        self.schema = schema
        self.limits = limits
        self.fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
        self.depth = self.aliases = self.selections = 0
        self.symbolic = False
        self.defaults: dict[str, ValueNode] = {}

    def operation(self, op: OperationDefinitionNode) -> tuple[CostNode, ...]:
        self.defaults = {
            v.variable.name.value: v.default_value for v in op.variable_definitions or () if v.default_value
        }
        root = self.schema.get_root_type(op.operation)
        return self.selection_set(root, op.selection_set, 1, frozenset()) if root else ()

    def selection_set(
        self, parent: GraphQLObjectType, selections: SelectionSetNode, depth: int, seen: frozenset[str]
    ) -> tuple[CostNode, ...]:
        if depth > self.limits.max_depth:
            raise TooComplex(f"the query is nested deeper than {self.limits.max_depth} levels")
        self.depth = max(self.depth, depth)
        nodes: list[CostNode] = []
        for selection in selections.selections:
            if isinstance(selection, FieldNode):
                nodes.extend(self.field(parent, selection, depth, seen))
            elif isinstance(selection, InlineFragmentNode):
                target = self._type(selection.type_condition.name.value) if selection.type_condition else parent
                nodes.extend(self.selection_set(target or parent, selection.selection_set, depth, seen))
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is None or name in seen:  # unknown or cyclic: validation reports it
                    continue
                target = self._type(fragment.type_condition.name.value) or parent
                nodes.extend(self.selection_set(target, fragment.selection_set, depth, seen | {name}))
        return tuple(nodes)

    def field(
        self, parent: GraphQLObjectType, node: FieldNode, depth: int, seen: frozenset[str]
    ) -> tuple[CostNode, ...]:
        self.selections += 1
        if self.selections > self.limits.max_selections:
            raise TooComplex(f"the query selects more than {self.limits.max_selections} fields")
        if node.alias is not None:
            self.aliases += 1
            if self.aliases > self.limits.max_aliases:
                raise TooComplex(f"the query uses more than {self.limits.max_aliases} aliases")
        name = node.name.value
        definition = parent.fields.get(name)
        if definition is None:
            return ()
        named = get_named_type(definition.type)
        if not isinstance(named, GraphQLObjectType) or node.selection_set is None:
            return ()
        children = self.selection_set(named, node.selection_set, depth + 1, seen)
        given = {a.name.value: a.value for a in node.arguments or ()}
        hops = self.number(definition, given, "maxHops") if "maxHops" in definition.args else None
        factors = self.factors(parent, definition, given)
        each = 1 if _is_list(definition) else 0
        return (CostNode(WEIGHTS.get(name, 1), hops, factors, each, children),)

    def factors(
        self, parent: GraphQLObjectType, definition: GraphQLField, given: dict[str, ValueNode]
    ) -> tuple[Multiplier, ...]:
        found = [self.number(definition, given, name) for name in PAGE_ARGS if name in definition.args]
        lists = [n for n in LIST_ARGS if n in definition.args and _is_list_type(definition.args[n].type)]
        found += [self.length(given.get(name), CAPS[name]) for name in lists]
        in_connection = parent.name.endswith("Connection")  # its edges are counted by the field's `first`
        if not found and _is_list(definition) and not in_connection:
            found.append(Multiplier(LIST_GUESS, LIST_GUESS))
        return tuple(found)

    def number(self, definition: GraphQLField, given: dict[str, ValueNode], name: str) -> Multiplier:
        default = definition.args[name].default_value
        fallback = default if isinstance(default, int) else 1
        value = given.get(name)
        if isinstance(value, VariableNode):
            self.symbolic = True
            declared = self.defaults.get(value.name.value)
            return Multiplier(_int(declared, fallback), CAPS[name], value.name.value)
        return Multiplier(_int(value, fallback), CAPS[name])

    def length(self, value: ValueNode | None, cap: int) -> Multiplier:
        if isinstance(value, VariableNode):
            self.symbolic = True
            return Multiplier(1, cap, value.name.value, length=True)
        return Multiplier(len(value.values) if isinstance(value, ListValueNode) else 1, cap)

    def _type(self, name: str) -> GraphQLObjectType | None:
        found = self.schema.get_type(name)
        return found if isinstance(found, GraphQLObjectType) else None


def _int(value: ValueNode | None, default: int) -> int:
    if isinstance(value, IntValueNode):
        try:
            return max(int(value.value), 1)
        except ValueError:
            return default
    return default


def _is_list(definition: GraphQLField) -> bool:
    return _is_list_type(definition.type)


def _is_list_type(kind: Any) -> bool:
    return isinstance(kind.of_type if isinstance(kind, GraphQLNonNull) else kind, GraphQLList)


def shape(schema: GraphQLSchema, document: DocumentNode, limits: Limits) -> Shape:
    """The document's static shape; TooComplex as soon as a limit is passed (the walk stops there)."""
    walk = _Walk(schema, document, limits)
    operations: dict[str | None, tuple[CostNode, ...]] = {}
    constant: dict[str | None, int | None] = {}
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            name = definition.name.value if definition.name else None
            walk.symbolic = False
            nodes = walk.operation(definition)
            operations[name] = nodes
            constant[name] = None if walk.symbolic else sum(n.cost({}) for n in nodes)
    return Shape(walk.depth, walk.aliases, walk.selections, operations, constant)
