"""Text as it reaches the counter, for the property tests: anything at all, and the awkward
things people paste (control characters, escape sequences, emoji, right-to-left scripts)."""

from hypothesis import strategies as st

CONTROL = [chr(c) for c in [*range(0x00, 0x20), 0x7F, 0x85, 0x9B]]
ESCAPES = ["\x1b[31m", "\x1b[0m", "\x1b]0;title\x07", "\x1b[2J", "\x1b(B", "\x1b", "\r\n"]
EMOJI = ["😀", "👍🏽", "👨‍👩‍👧‍👦", "🏳️‍🌈", "🇨🇳", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "❤️", "1️⃣"]
RTL = ["مرحبا بالعالم", "שלום עולם", "\u202eevil\u202c", "\u200f", "\u2067x\u2069"]
COUNTER = ["张伟", "欧阳娜娜", "3-2-1201", "3栋2单元1201", "138 0013 8000", "转 801", "明天 9:00"]
MARKUP = ["[bold]", "[/]", "[/bold]", "[red]x[/red]", "[link=x]", "\\", "[@click=app.quit]"]

# Every piece people paste, mixed with letters and digits of every script.
pieces = st.one_of(
    st.sampled_from(CONTROL + ESCAPES + EMOJI + RTL + COUNTER + MARKUP),
    st.text(max_size=8),
)
pasted = st.lists(pieces, max_size=12).map("".join)
"""Text a receptionist might paste: mostly the awkward parts."""

long_lines = st.builds(lambda piece, n: (piece or "长") * n, pieces, st.integers(2_000, 10_000))
"""A whole page pasted on one line."""

anything = st.one_of(st.text(max_size=80), pasted, long_lines)
"""Any text at all, a pasted one, or a very long one."""

DIGITS = "0123456789０１２３４５６７８９٠١٢٣"
number_like = st.text(alphabet=DIGITS + " -+().#x转分机ext/:：", max_size=30)
"""Text made of what numbers, units and times are written with."""
