"""Claim validation: NCCI add-on, PTP, MUE and validity edits on a whole claim, each finding with its source."""
