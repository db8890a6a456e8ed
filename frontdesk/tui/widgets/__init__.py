"""Widgets the counter's screens share."""
