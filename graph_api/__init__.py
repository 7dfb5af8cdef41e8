"""The service: settings, Neo4j and Redis access, the Starlette app and the CLI."""
