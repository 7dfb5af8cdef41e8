"""CasePilot: the graph as Model Context Protocol tools, over the same GraphQL schema as the API."""
