"""Tests of the briefing generator."""
