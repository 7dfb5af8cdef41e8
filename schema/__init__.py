"""Strawberry types and resolvers. Framework-neutral: no neo4j, redis or starlette imports here."""

from schema.build import build_schema

__all__ = ["build_schema"]
