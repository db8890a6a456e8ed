"""Resident cards: creating and finding them, the card itself, editing it, and revealing a full
number."""
