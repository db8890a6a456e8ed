"""The demo estate, built through the counter's own use cases."""
