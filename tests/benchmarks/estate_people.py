"""The people of the large estate: units ``B-E-RRRR`` across many buildings, residents in
households with Chinese names (pinyin and initials as ``create_resident`` stores them, the
surname table included), mobile numbers and a few landlines.

The rows are made as ``services/residents.create_resident`` makes them (the same normalising
functions), but inserted in bulk: through the use case, 100,000 cards would take an hour.
"""

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Connection

from frontdesk.domain.people.names import name_initials, name_pinyin, normalize_name
from frontdesk.domain.people.phones import normalize_phone
from frontdesk.domain.people.units import normalize_unit
from frontdesk.domain.vocabulary.kinds import ResidentRole
from frontdesk.services.demo.people import (
    INTERESTS,
    OCCUPATIONS,
    TEMPERAMENTS,
    chinese_name,
    mobile,
)
from frontdesk.store.tables.people import Resident, ResidentPhone, ResidentUnit, Unit
from tests.benchmarks.bulk import Inserter

# 150 buildings of 3 entrances, 32 floors, 4 rooms a floor: 57,600 units, most lived in.
BUILDINGS, ENTRANCES, FLOORS, ROOMS = 150, 3, 32, 4
CALL_TIMES = ("", "", "上午", "下午", "晚上七点后", "午休别打")


@dataclass
class People:
    """What the register needs to know of each resident (index = resident id - 1)."""

    names: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    evening_ok: list[bool] = field(default_factory=list)
    #: Unit id by label, for matters naming a unit.
    unit_ids: dict[str, int] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.names)


def unit_labels(rng: random.Random, scale: float) -> list[str]:
    """Every unit of the estate (fewer buildings at a smaller scale), in a shuffled order."""
    buildings = max(1, round(BUILDINGS * scale))
    labels = [
        f"{b}-{e}-{floor * 100 + room}"
        for b in range(1, buildings + 1)
        for e in range(1, ENTRANCES + 1)
        for floor in range(1, FLOORS + 1)
        for room in range(1, ROOMS + 1)
    ]
    rng.shuffle(labels)
    return labels


def insert_people(
    connection: Connection,
    rng: random.Random,
    *,
    count: int,
    scale: float,
    estate_id: int,
    area_code: str,
    created: datetime,
) -> People:
    """Units, then ``count`` residents in households with their phones; returns what the
    register needs of them."""
    people = People()
    labels = unit_labels(rng, scale)
    with Inserter(connection, Unit.__table__) as units:  # type: ignore[attr-defined]
        for unit_id, label in enumerate(labels, start=1):
            ref = normalize_unit(label)
            units.add(
                id=unit_id,
                estate_id=estate_id,
                label=ref.label,
                building=ref.building,
                entrance=ref.entrance,
                room=ref.room,
            )
            people.unit_ids[ref.label] = unit_id
    cards = Inserter(connection, Resident.__table__)  # type: ignore[attr-defined]
    links = Inserter(connection, ResidentUnit.__table__)  # type: ignore[attr-defined]
    numbers = Inserter(connection, ResidentPhone.__table__)  # type: ignore[attr-defined]
    used: set[str] = set()
    readings: dict[str, tuple[str, str]] = {}
    households = iter(labels)
    with cards, links, numbers:
        while len(people) < count:
            label = next(households)
            let_out = rng.random() < 0.15
            size = min(rng.choice((1, 1, 2, 2, 2, 3, 4)), count - len(people))
            for member in range(size):
                resident_id = len(people) + 1
                name = normalize_name(chinese_name(rng))
                if name not in readings:
                    readings[name] = (name_pinyin(name), name_initials(name))
                pinyin, initials = readings[name]
                title = rng.choice(("先生", "女士"))
                evening = rng.random() < 0.2
                since = created - timedelta(minutes=rng.randrange(60 * 24 * 365))
                temperament = rng.choices(
                    [t for t, _ in TEMPERAMENTS], [w for _, w in TEMPERAMENTS]
                )[0]
                cards.add(
                    id=resident_id,
                    name=name,
                    name_pinyin=pinyin,
                    name_initials=initials,
                    title=title,
                    temperament=temperament.value if temperament else None,
                    occupation=rng.choice(OCCUPATIONS),
                    interests=rng.choice(INTERESTS),
                    preferred_call_times=rng.choice(CALL_TIMES),
                    evening_calls_ok=evening,
                    notes="",
                    created_at=since,
                    updated_at=since,
                )
                role = (
                    ResidentRole.OWNER
                    if member == 0
                    else ResidentRole.TENANT
                    if let_out
                    else ResidentRole.FAMILY
                )
                links.add(resident_id=resident_id, unit_id=people.unit_ids[label], role=role.value)
                stored = _phones(rng, used, area_code)
                for phone in stored:
                    numbers.add(
                        resident_id=resident_id,
                        national=phone.national,
                        extension=phone.extension,
                        kind=phone.kind,
                        label="",
                    )
                people.names.append(name)
                people.titles.append(title)
                people.phones.append(stored[0].stored)
                people.units.append(label)
                people.evening_ok.append(evening)
    return people


def _phones(rng: random.Random, used: set[str], area_code: str):
    """A mobile, and for some a second mobile or a landline (one with an extension)."""
    typed = [mobile(rng, used)]
    extra = rng.random()
    if extra < 0.1:
        typed.append(mobile(rng, used))
    elif extra < 0.16:
        landline = f"021-{rng.randint(5000, 6999)}{rng.randrange(10**4):04d}"
        typed.append(landline + (f"转{rng.randint(100, 899)}" if extra < 0.11 else ""))
    return [normalize_phone(number, area_code=area_code) for number in typed]
