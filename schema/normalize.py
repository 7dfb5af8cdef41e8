"""How a code a user types becomes the key the graph stores."""


def normalize_code(raw: str) -> str:
    """`e11.65 ` -> `E1165`: codes are matched without the ICD dot, upper-case, trimmed."""
    return raw.strip().replace(".", "").upper()
