"""Turn several reports of one event into an annotated, cross-linked briefing site."""

from __future__ import annotations

__version__ = "0.1.0"
