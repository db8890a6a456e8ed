"""The estate and the people on file: units, residents, the units they live in and their
phone numbers."""

from datetime import datetime
from typing import ClassVar

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from frontdesk.domain.vocabulary.kinds import ResidentRole, Temperament
from frontdesk.store.types import Vocabulary, moment_field, version_column

_resident_version = version_column()


class Estate(SQLModel, table=True):
    __tablename__: ClassVar[str] = "estate"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)


class Unit(SQLModel, table=True):
    """A dwelling, ``3-2-1201``: building, entrance, room."""

    __tablename__: ClassVar[str] = "unit"
    __table_args__ = (UniqueConstraint("estate_id", "label"),)
    id: int | None = Field(default=None, primary_key=True)
    estate_id: int = Field(foreign_key="estate.id")
    label: str = Field(index=True)
    building: str
    entrance: str | None = None
    room: str


class Resident(SQLModel, table=True):
    """A resident card (DOMAIN.md §5)."""

    __tablename__: ClassVar[str] = "resident"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True)
    name_pinyin: str = Field(index=True)
    name_initials: str = Field(index=True)
    title: str = ""
    temperament: Temperament | None = Field(default=None, sa_type=Vocabulary(Temperament))
    occupation: str = ""
    interests: str = ""
    preferred_call_times: str = ""
    evening_calls_ok: bool = False
    notes: str = ""
    created_at: datetime = moment_field()
    updated_at: datetime = moment_field()
    version: int = Field(default=1, sa_column=_resident_version)
    __mapper_args__ = {"version_id_col": _resident_version}


class ResidentUnit(SQLModel, table=True):
    """Which units a resident lives in or owns, and in what role."""

    __tablename__: ClassVar[str] = "resident_unit"
    resident_id: int = Field(foreign_key="resident.id", primary_key=True)
    unit_id: int = Field(foreign_key="unit.id", primary_key=True, index=True)
    role: ResidentRole = Field(sa_type=Vocabulary(ResidentRole))


class ResidentPhone(SQLModel, table=True):
    __tablename__: ClassVar[str] = "resident_phone"
    id: int | None = Field(default=None, primary_key=True)
    resident_id: int = Field(foreign_key="resident.id", index=True)
    national: str = Field(index=True)
    extension: str = ""
    kind: str
    label: str = ""
