"""Text as typed, put inside Textual markup, and never-say phrases marked in it.

Rich's ``escape`` (and Textual's own) escape only what looks like a whole tag: a note typed
with an unclosed bracket such as ``a[b=`` still broke the markup it was put in, and the view
raised MarkupError. Here every ``[`` is escaped, and a
backslash at the very end, which would escape the tag that follows, is shown as its
full-width twin (＼)."""

from frontdesk.domain.call.phrases import check_phrases


def escape(text: str) -> str:
    """``text`` to put in markup, shown exactly as typed."""
    text = text.replace("[", "\\[")
    return text[:-1] + "＼" if text.endswith("\\") else text


def phrase_warnings(texts: list[str]) -> str:
    """Never-say phrases in what was typed, marked, with what to say instead."""
    out = []
    for text in texts:
        for flag in check_phrases(text):
            marked = (
                escape(text[: flag.start])
                + "[reverse red]"
                + escape(text[flag.start : flag.end])
                + "[/]"
                + escape(text[flag.end :])
            )
            out.append(f"⚠ {marked}\n  「{escape(flag.phrase)}」→ {escape(flag.alternative)}")
    return "\n".join(out)
