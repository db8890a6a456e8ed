"""The fields of one matter, built from the required fields of its kind (DOMAIN.md §2)."""

from enum import StrEnum

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input

from frontdesk.domain.call.matters import FIELDS, FieldError, FieldSpec, FieldType
from frontdesk.domain.clock.moments import MomentError, understand_moment
from frontdesk.domain.clock.spoken import placeholder, read_back
from frontdesk.domain.vocabulary.kinds import (
    ComplaintClass,
    Emotion,
    MatterKind,
    Need,
    RepairCategory,
)
from frontdesk.domain.vocabulary.labels import chinese_name, named
from frontdesk.i18n import _
from frontdesk.tui.open_counter import counter_of
from frontdesk.tui.widgets.fields import Choice, ChoiceField, FieldRow, TextField

# One key for each option, the first letter where it is free.
CHOICE_KEYS: dict[type[StrEnum], dict[str, str]] = {
    ComplaintClass: {"major": "m", "important": "i", "minor": "n", "invalid": "v"},
    Emotion: {"angry": "a", "anxious": "x", "sad": "s", "loud": "l", "calm": "c"},
    Need: {"vent": "v", "respect": "r", "solution": "s", "compensation": "c"},
    RepairCategory: {"safety": "s", "leak": "l", "other": "o"},
}
KIND_CHOICES = [
    # Translators: the English interface shows the Chinese term beside the English one.
    Choice("e", MatterKind.ENQUIRY.value, _("enquiry 咨询")),
    Choice("r", MatterKind.REPAIR.value, _("repair 报修")),
    Choice("c", MatterKind.COMPLAINT.value, _("complaint 投诉")),
    Choice("s", MatterKind.SUGGESTION.value, _("suggestion 建议")),
    Choice("p", MatterKind.PRAISE.value, _("praise 表扬")),
    Choice("o", MatterKind.OTHER.value, _("other 其他")),
]
PLACEHOLDERS = {
    FieldType.PHONE: "138 0013 8000 · 021-6212 3456 转 801",
    FieldType.UNIT: "3-2-1201 · 3栋2单元1201 · 无",
}


class MatterForm(Vertical):
    """The fields of a matter of ``kind``; Enter and single keys move through them."""

    def __init__(self, kind: MatterKind, departments: tuple[str, ...]) -> None:
        super().__init__(classes="matter-form")
        self.kind = kind
        self.rows: dict[str, FieldRow] = {}
        self.specs = {spec.name: spec for spec in FIELDS[kind]}
        for spec in FIELDS[kind]:
            self.rows[spec.name] = FieldRow(
                spec.label, self._widget(spec, departments), required=spec.required
            )

    def _widget(self, spec: FieldSpec, departments: tuple[str, ...]) -> TextField | ChoiceField:
        if spec.type is FieldType.CHOICE and spec.choices is not None:
            keys = CHOICE_KEYS[spec.choices]
            return ChoiceField(
                spec.name,
                [
                    Choice(keys[c.value], c.value, named(c), (chinese_name(c),))
                    for c in spec.choices
                ],
            )
        if spec.type is FieldType.FLAG:
            return ChoiceField(
                spec.name, [Choice("y", "y", _("yes 是")), Choice("n", "n", _("no 否"))]
            )
        if spec.type is FieldType.DEPARTMENT:
            return ChoiceField(
                spec.name, [Choice(str(i), d, d) for i, d in enumerate(departments, start=1)]
            )
        if spec.type is FieldType.MOMENT:
            # A time that happened is asked for with past examples, a promise with future ones.
            return TextField(spec.name, placeholder=placeholder(spec.tense))
        return TextField(spec.name, placeholder=PLACEHOLDERS.get(spec.type, ""))

    def compose(self) -> ComposeResult:
        yield from self.rows.values()

    @on(Input.Changed)
    def time_typed(self, event: Input.Changed) -> None:
        # The event goes on to the screen, which hears every edit.
        self.read_time_back(event.input.name or "")

    def read_time_back(self, name: str) -> None:
        """Under a time field, the moment as understood, in words (= 明天 12月4日(周五)09:00),
        so it is read back to the caller before it is recorded; or what stops it."""
        spec = self.specs.get(name)
        if spec is None or spec.type is not FieldType.MOMENT:
            return
        row = self.rows[name]
        text = str(row.field.value or "")
        if not text.strip():
            row.clear_error()
            return
        desk = counter_of(self).desk
        now, tz = desk.now(), desk.policy.timezone
        try:
            heard = understand_moment(text, now=now, tz=tz, tense=spec.tense)
        except MomentError as error:
            row.show_error(str(error))
            return
        row.show_error(f"= {read_back(heard, now=now, tz=tz)}", ok=True)

    @property
    def fields(self) -> list[TextField | ChoiceField]:
        return [row.field for row in self.rows.values()]

    def values(self) -> dict[str, object]:
        return {
            name: getattr(row.field, "real_value", row.field.value)
            for name, row in self.rows.items()
        }

    def prefill(self, values: dict[str, object], *, phones: frozenset | set = frozenset()) -> None:
        """Fill empty fields; the phone fields named in ``phones`` show their number masked."""
        for name, value in values.items():
            row = self.rows.get(name)
            if row is None or not value or row.field.value:
                continue
            if name in phones and isinstance(row.field, TextField):
                row.field.show_masked(str(value))
            else:
                row.field.set_value(value)

    def refill(self, before: dict[str, str], after: dict[str, str]) -> None:
        """The caller was identified again: fields still holding the previous caller's
        details take the new caller's; anything typed stays."""
        sources = {
            "contact_name": "name",
            "unit": "unit",
            "contact_phone": "phone",
            "callback_phone": "phone",
        }
        for name, source in sources.items():
            row = self.rows.get(name)
            if row is None:
                continue
            field = row.field
            if getattr(field, "real_value", field.value) == before[source]:
                if name.endswith("phone") and isinstance(field, TextField):
                    field.show_masked(after[source])
                else:
                    field.set_value(after[source])

    def is_filled(self, name: str) -> bool:
        value = self.rows[name].field.value
        return bool(value.strip()) if isinstance(value, str) else value is not None

    def next_to_fill(self, after: str | None = None) -> TextField | ChoiceField | None:
        """The next field that still needs filling after ``after``: the required ones first,
        and among them those the kind asks for in this state (an unanswered enquiry's
        call-back number, say)."""
        names = list(self.rows)
        start = names.index(after) + 1 if after in names else 0
        order = names[start:] + names[:start]
        values: dict[str, object] = {n: self.rows[n].field.value for n in names}
        for name in order:
            spec = next(s for s in FIELDS[self.kind] if s.name == name)
            needed = spec.required or (
                spec.required_if is not None and spec.required_if(_typed(values))
            )
            if needed and not self.is_filled(name):
                return self.rows[name].field
        return None

    def show_errors(self, errors: list[FieldError]) -> None:
        by_field = {e.field: e.message for e in errors}
        for name, row in self.rows.items():
            if name in by_field:
                row.show_error(by_field[name])
            else:
                row.clear_error()
                self.read_time_back(name)


def _typed(values: dict[str, object]) -> dict[str, object]:
    """The few typed values ``required_if`` rules look at."""
    answered = values.get("answered")
    return {"answered": None if answered is None else answered == "y"}
