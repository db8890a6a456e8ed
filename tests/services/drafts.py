"""Matters as a receptionist would type them, for the service tests."""

from datetime import datetime

from frontdesk.domain.vocabulary.kinds import MatterKind
from frontdesk.services.intake.call import CallDraft, MatterDraft

# A moment without its time zone: what a careless caller of the services might pass.
NAIVE = datetime(2026, 12, 2, 14, 0)  # noqa: DTZ001


def complaint(cls: str = "important", **changes) -> MatterDraft:
    fields = {
        "contact_name": "张伟",
        "unit": "3栋2单元1201",
        "contact_phone": "138 0013 8000",
        "happened_at": "2026-12-02 08:00",
        "place": "3栋电梯",
        "complained_party": "安护部",
        "content": "电梯停运两天没人处理",
        "complaint_class": cls,
        "emotion": "angry",
        "need": "solution",
    }
    fields.update(changes)
    return MatterDraft(MatterKind.COMPLAINT, fields, confirmed=True)


def repair(category: str = "other", **changes) -> MatterDraft:
    fields = {
        "contact_name": "李娜",
        "unit": "5-1-302",
        "content": "厨房水龙头坏了",
        "repair_category": category,
        "visit_at": "明天 10:00",
        "department": "维修部",
    }
    fields.update(changes)
    return MatterDraft(MatterKind.REPAIR, fields, confirmed=True)


def enquiry(answered: bool = False, **changes) -> MatterDraft:
    fields = {"content": "物业费什么时候交?", "answered": answered}
    if not answered:
        fields.update(callback_phone="13900001111", promised_at="2026-12-02 16:00")
    fields.update(changes)
    return MatterDraft(MatterKind.ENQUIRY, fields, confirmed=True)


def call(*matters: MatterDraft, **changes) -> CallDraft:
    draft = CallDraft(
        caller_name="张伟",
        caller_phone="13800138000",
        caller_unit="3-2-1201",
        rings=2,
        matters=list(matters),
    )
    for key, value in changes.items():
        setattr(draft, key, value)
    return draft
