"""Pure rules of Smart Transactions: reading a create/PUT body, basket totals, bonus lines, search.

Nothing here holds state; :mod:`pos_sim.state` applies these rules under its lock.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from typing import Any

from pos_sim.card_share import CardPayment
from pos_sim.errors import bad_request

BONUS_LINE_PREFIX = "Bonus Steuer"
ITEM_TYPES = ("article", "coupon", "sub_transaction", "stakeholder_payment", "shipping", "subscription")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _optional_str(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is None or isinstance(value, str):
        return value
    raise bad_request(f"{key} must be a string")


def normalize_product(raw: Any, position: int) -> dict[str, Any]:
    """One basket line as the server echoes it (reference §5.3): every field, in the seed's order.

    Raises a 400 ``SimApiError`` naming the first bad field.
    """
    if not isinstance(raw, dict):
        raise bad_request(f"basket.products[{position}] must be an object")
    where = f"basket.products[{position}]"
    line_id = raw.get("id", position + 1)
    if not _is_int(line_id):
        raise bad_request(f"{where}.id must be an integer")
    for key in ("quantity", "priceOne", "tax"):
        if not _is_int(raw.get(key)):
            raise bad_request(f"{where}.{key} must be an integer")
    desc = raw.get("desc")
    if not isinstance(desc, str) or not desc:
        raise bad_request(f"{where}.desc is required")
    article_number = raw.get("articleNumber")
    if article_number is not None and not isinstance(article_number, str | int):
        raise bad_request(f"{where}.articleNumber must be a string")
    ean = raw.get("ean")
    if ean is not None and not isinstance(ean, str | int):
        raise bad_request(f"{where}.ean must be a string")
    item_type = raw.get("item_type", "article")
    if item_type not in ITEM_TYPES:
        raise bad_request(f"{where}.item_type must be one of {', '.join(ITEM_TYPES)}")
    group = raw.get("group") or []
    if not isinstance(group, list):
        raise bad_request(f"{where}.group must be a list")
    return {
        "id": line_id,
        "parent": raw.get("parent"),
        "articleNumber": "" if article_number is None else str(article_number),
        "ean": "" if ean is None else str(ean),
        "desc": desc,
        "quantity": raw["quantity"],
        "priceOne": raw["priceOne"],
        "tax": raw["tax"],
        "group": group,
        "serialNumber": raw.get("serialNumber"),
        "item_type": item_type,
        "reference_id": raw.get("reference_id"),
        "contract_id": raw.get("contract_id"),
        "sum": raw.get("sum"),
    }


def is_bonus_line(product: Mapping[str, Any]) -> bool:
    """Whether a basket line is a bonus line added by preTransaction."""
    return str(product.get("desc", "")).startswith(BONUS_LINE_PREFIX) and int(product.get("priceOne", 0)) < 0


def line_total(product: Mapping[str, Any]) -> int:
    """A line's signed gross total: coupons reduce the basket."""
    total = int(product["priceOne"]) * int(product["quantity"])
    return -abs(total) if product.get("item_type") == "coupon" else total


def basket_total(products: list[dict[str, Any]]) -> int:
    """Σ priceOne × quantity over the basket, without bonus lines (reference §2.4)."""
    return sum(line_total(p) for p in products if not is_bonus_line(p))


def gross_by_rate(products: list[dict[str, Any]]) -> dict[int, int]:
    """The basket's gross per VAT rate, without bonus lines (input of the card-share rule)."""
    result: dict[int, int] = {}
    for product in products:
        if not is_bonus_line(product):
            rate = int(product["tax"])
            result[rate] = result.get(rate, 0) + line_total(product)
    return result


def bonus_lines(payment: CardPayment, first_id: int) -> list[dict[str, Any]]:
    """One negative ``Bonus Steuer <rate>`` line per VAT rate the bonus was spent on."""
    lines = []
    for offset, rate in enumerate(sorted(payment.bonus_by_rate)):
        lines.append(
            normalize_product(
                {
                    "id": first_id + offset,
                    "articleNumber": "",
                    "ean": "",
                    "desc": f"{BONUS_LINE_PREFIX} {rate}",
                    "quantity": 1,
                    "priceOne": -payment.bonus_by_rate[rate],
                    "tax": rate,
                },
                first_id + offset,
            )
        )
    return lines


def parse_basket(body: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The normalized, bonus-free basket lines of a create/PUT body (no basket: empty)."""
    basket = body.get("basket")
    if basket is None:
        return []
    if not isinstance(basket, dict):
        raise bad_request("basket must be an object")
    products = basket.get("products") or []
    if not isinstance(products, list):
        raise bad_request("basket.products must be a list")
    normalized = [normalize_product(raw, position) for position, raw in enumerate(products)]
    normalized = [p for p in normalized if not is_bonus_line(p)]
    ids = [p["id"] for p in normalized]
    if len(ids) != len(set(ids)):
        raise bad_request("basket.products ids must be unique")
    return normalized


def parse_basket_info(
    body: Mapping[str, Any], products: list[dict[str, Any]], *, strict: bool
) -> dict[str, Any]:
    """``basket_info`` as the server keeps it: ``sum``, ``currency``, ``gratuity`` (defaults if absent).

    With ``strict``, ``sum`` must equal the basket total plus the gratuity (reference §8.1).
    """
    info = body.get("basket_info")
    if info is None:
        info = {}
    if not isinstance(info, dict):
        raise bad_request("basket_info must be an object")
    total = info.get("sum", 0)
    if not _is_int(total):
        raise bad_request("basket_info.sum must be an integer (cents)")
    currency = info.get("currency", "EUR")
    if not isinstance(currency, str) or len(currency) != 3:
        raise bad_request("basket_info.currency must be a three-letter ISO 4217 code")
    gratuity = info.get("gratuity")
    if gratuity is not None and not _is_int(gratuity):
        raise bad_request("basket_info.gratuity must be an integer (cents) or null")
    expected = basket_total(products) + (gratuity or 0)
    if strict and total != expected:
        raise bad_request(f"basket_info.sum {total} does not match the basket total {expected}")
    return {"sum": total, "currency": currency.upper(), "gratuity": gratuity}


def parse_idents(body: Mapping[str, Any]) -> list[dict[str, str]]:
    """The ``idents`` of a body as ``{type, value}`` pairs."""
    idents = body.get("idents") or []
    if not isinstance(idents, list):
        raise bad_request("idents must be a list")
    result = []
    for position, ident in enumerate(idents):
        if not isinstance(ident, dict) or not isinstance(ident.get("type"), str):
            raise bad_request(f"idents[{position}] needs a type")
        value = ident.get("value")
        if not isinstance(value, str | int) or isinstance(value, bool):
            raise bad_request(f"idents[{position}].value must be a string")
        result.append({"type": ident["type"], "value": str(value)})
    return result


def parse_refs(body: Mapping[str, Any]) -> dict[str, Any]:
    """``merchantRef``, ``transactionRef``, ``intent`` (``None`` when not sent)."""
    return {key: _optional_str(body, key) for key in ("merchantRef", "transactionRef", "intent")}


def parse_is_demo(body: Mapping[str, Any]) -> bool:
    value = body.get("is_demo", False)
    if not isinstance(value, bool):
        raise bad_request("is_demo must be a boolean")
    return value


def _values_at(data: Any, dotted: str) -> list[Any]:
    """Every value at a dotted path; lists fan out (``idents.value`` looks into each ident)."""
    current = [data]
    for key in dotted.split("."):
        following = []
        for item in current:
            items = item if isinstance(item, list) else [item]
            for element in items:
                if isinstance(element, dict) and key in element:
                    following.append(element[key])
        current = following
    flat = []
    for value in current:
        flat.extend(value if isinstance(value, list) else [value])
    return flat


def _term_matches(data: Any, term: str) -> bool:
    negate = term.startswith("NOT ")
    if negate:
        term = term[4:].strip()
    field, sep, wanted = term.partition(":")
    if not sep:
        return negate
    wanted = wanted.strip().strip('"').lower()
    found = any(
        fnmatch.fnmatchcase(("true" if v is True else "false" if v is False else str(v)).lower(), wanted)
        for v in _values_at(data, field.strip())
        if v is not None
    )
    return found != negate


def matches_query(data: Mapping[str, Any], query: str | None) -> bool:
    """A small subset of the API's ``q`` syntax: ``field:value`` terms joined by ``AND``/``OR``.

    Values may be quoted and may use ``*``/``?`` wildcards; nested fields use dots
    (``card.cardnumber:"9276…"``). ``OR`` binds weaker than ``AND``; no parentheses.
    """
    if not query or not query.strip():
        return True
    alternatives = [part.strip() for part in query.split(" OR ")]
    return any(all(_term_matches(data, t.strip()) for t in alt.split(" AND ")) for alt in alternatives)


def sort_key_for(sort: str | None) -> tuple[str, bool] | None:
    """``"created:desc"`` → ``("created", True)``; ``None`` when not sorting."""
    if not sort:
        return None
    field, _, direction = sort.split(",")[0].partition(":")
    return field.strip(), direction.strip().lower() == "desc"
