"""Renderers: pure functions from a PolicyDocument to an output format."""
