"""Text as typed, put inside Textual markup.

Rich's ``escape`` (and Textual's own) escape only what looks like a whole tag: a note typed
with an unclosed bracket such as ``a[b=`` still broke the markup it was put in, and the view
raised MarkupError (found by the random-keys test). Here every ``[`` is escaped, and a
backslash at the very end, which would escape the tag that follows, is shown as its
full-width twin (＼)."""


def escape(text: str) -> str:
    """``text`` to put in markup, shown exactly as typed."""
    text = text.replace("[", "\\[")
    return text[:-1] + "＼" if text.endswith("\\") else text
