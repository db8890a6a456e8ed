"""Telling beyond the counter (DOMAIN.md §8): the outbox of what is to be told, written in the
transaction that made it due, and its delivery to each route of frontdesk.toml, at least once
and never twice by two senders."""
