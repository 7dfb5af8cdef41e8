"""Every Cypher statement of the service, one file each (`<verb>_<noun>.cypher`), shipped as package data."""
