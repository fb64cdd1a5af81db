"""Decisions between meetings: store glue, e-mail drafts, reply import (rules: domain/evote.py)."""
