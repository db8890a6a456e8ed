"""The benchmarks drive the app on the same small demo estate as the screen tests."""

from tests.tui.conftest import counter, demo_database, make_app  # noqa: F401
