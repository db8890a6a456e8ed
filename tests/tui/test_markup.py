"""Whatever a receptionist types is shown as typed inside the views' markup, and never breaks
it: an unclosed bracket ("a[b=") made the Call view's read-back raise MarkupError."""

from hypothesis import given
from hypothesis import strategies as st
from textual.content import Content

from frontdesk.tui.markup import escape

# Control characters never reach a view: typed text is cleaned as it is read (free_text.py).
TYPED = st.text(alphabet=st.sampled_from("ab[]=/\\$@'\"{}#() 天〔"), max_size=20) | st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"))
)


@given(TYPED)
def test_typed_text_is_shown_as_typed_between_tags(text):
    shown = Content.from_markup(f"[b]{escape(text)}[/b]\n[dim]gloss[/dim]")
    expected = text[:-1] + "＼" if text.endswith("\\") else text
    assert shown.plain == f"{expected}\ngloss"
    # Both tags still apply, none was swallowed or added.
    assert len(shown.spans) == (2 if expected else 1)


def test_the_read_back_that_broke():
    said = "我跟您确认一下:您的建议是:pp单BWshT;您要表扬:o１#'}:a[b=/cpskw天XRo。请问对吗?"
    assert Content.from_markup(f"[b]{escape(said)}[/b]").plain == said
