"""The envelopes of every answer: a document (one object) and a page of a list, each with its metadata."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel

from standortkompass.api.responses import MetaOut, PaginationOut

T = TypeVar("T")


class Document(BaseModel, Generic[T]):
    meta: MetaOut
    data: T


class Page(BaseModel, Generic[T]):
    meta: MetaOut
    pagination: PaginationOut
    items: list[T]


class NamedOut(BaseModel):
    id: int
    name: str


class RegionOut(BaseModel):
    code: str
    name: str
