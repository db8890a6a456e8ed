"""Dialogs over any view: help, small typed questions, and the question to resume a saved call."""
