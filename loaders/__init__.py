"""Loaders: parse_* functions stream typed records from official files; write_* send batched UNWINDs."""
