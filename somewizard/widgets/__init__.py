"""Reusable form pieces of the wizard."""
