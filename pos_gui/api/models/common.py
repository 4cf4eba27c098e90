"""Shared pieces of the wire models: the base class, object references, list envelopes, errors.

Every wire model keeps fields it does not know (``extra="allow"``), so a newer server never breaks
an older till, and remembers the key order it was parsed with, so a parsed answer serialises back
to the same JSON (the seed round trip). Python names are snake_case; where the API spells a field
in camelCase, that spelling is the alias (``price_one`` ↔ ``priceOne``).

Amounts are :data:`Cents`: JSON integers (``7.96`` or ``"796"`` is refused, not guessed at) within
±:data:`MAX_CENTS`, so that an absurd amount fails here, as an invalid answer, instead of deep
inside the till (a 10²⁰ once overflowed as a raw ``OverflowError``).
"""

from __future__ import annotations

from typing import Annotated, Any, Generic, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    ValidatorFunctionWrapHandler,
    model_serializer,
    model_validator,
)

# A billion euros: far above anything a till sells, far below what SQLite or Qt cannot hold.
MAX_CENTS = 10**11
# Units of one article in one basket line.
MAX_QUANTITY = 100_000

Cents = Annotated[int, Field(strict=True, ge=-MAX_CENTS, le=MAX_CENTS)]
"""An amount in cents from the wire: an integer, at most :data:`MAX_CENTS` either way."""

NonNegativeCents = Annotated[int, Field(strict=True, ge=0, le=MAX_CENTS)]
"""An amount in cents that cannot be below zero (what is left to pay)."""

Quantity = Annotated[int, Field(strict=True, ge=-MAX_QUANTITY, le=MAX_QUANTITY)]


class WireModel(BaseModel):
    """Base of every model that crosses the API edge."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)

    # The keys of the parsed JSON object, in the server's order; empty for models built in code.
    _wire_order: tuple[str, ...] = PrivateAttr(default=())

    @model_validator(mode="wrap")
    @classmethod
    def _remember_key_order(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        model = handler(data)
        if isinstance(data, dict) and isinstance(model, WireModel):
            model._wire_order = tuple(data)
        return model

    @model_serializer(mode="wrap")
    def _restore_key_order(self, handler: SerializerFunctionWrapHandler, info: SerializationInfo) -> Any:
        dumped = handler(self)
        if not self._wire_order or not isinstance(dumped, dict):
            return dumped
        # A parsed key may be the alias or the Python name; either way it names one output key.
        output_key: dict[str, str] = {}
        for name, field in type(self).model_fields.items():
            out = field.alias if (info.by_alias and field.alias) else name
            output_key[name] = out
            if field.alias:
                output_key[field.alias] = out
        ordered: dict[str, Any] = {}
        for key in self._wire_order:
            out = output_key.get(key, key)
            if out in dumped and out not in ordered:
                ordered[out] = dumped[out]
        for key, value in dumped.items():
            ordered.setdefault(key, value)
        return ordered

    def __eq__(self, other: object) -> bool:
        # The remembered key order is presentation, not content: a parsed model equals one built
        # in code with the same values.
        if not isinstance(other, WireModel):
            return NotImplemented
        return (
            type(self) is type(other)
            and self.__dict__ == other.__dict__
            and self.__pydantic_extra__ == other.__pydantic_extra__
        )

    __hash__ = None  # type: ignore[assignment]  # mutable, like every pydantic model

    def to_wire(self) -> dict[str, Any]:
        """The model as the API spells it: aliases, JSON types, only the fields that were set."""
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)


class ProductRef(WireModel):
    """A reference to another API object, ``{"object": "general.merchants", "id": "MRC_..."}``.

    Extra fields that some references carry (``companyname``, ``email``) are kept.
    """

    object_type: str | None = Field(default=None, alias="object")
    id: str | None = None


T = TypeVar("T")


class ListEnvelope(WireModel, Generic[T]):
    """The answer of a list/search endpoint: ``count`` total matches and one page of ``data``."""

    count: int = 0
    data: list[T] = Field(default_factory=list)


class ApiErrorPayload(WireModel):
    """The API's error body (``ProductExceptionPayload``).

    ``code`` is a number in the documented examples; the SDK models type it as a string, so both
    are accepted and :attr:`code_number` gives the number where there is one.
    """

    status: str | None = None
    error: str | None = None
    error_details: str | None = None
    error_user: str | None = None
    code: int | str | None = None
    support_id: str | None = Field(default=None, alias="supportId")

    @property
    def code_number(self) -> int | None:
        if isinstance(self.code, int):
            return self.code
        text = self.code.strip() if isinstance(self.code, str) else ""
        # No API code has more than a few digits; int() would refuse over 4300 of them.
        if text.isascii() and text.isdigit() and len(text) <= 18:
            return int(text)
        return None
