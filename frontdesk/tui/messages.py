"""Messages the app sends its screens."""

from textual.message import Message


class DatabaseChanged(Message):
    """Something was saved at this or another counter: screens showing lists read them again."""
