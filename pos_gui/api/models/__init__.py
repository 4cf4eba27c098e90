"""Pydantic wire models of the secuconnect API, one module per API area, all re-exported here."""

from __future__ import annotations

from pos_gui.api.models.common import ApiErrorPayload, ListEnvelope, ProductRef, WireModel
from pos_gui.api.models.loyalty import (
    CardGroup,
    CardValidation,
    CustomerContact,
    LoyaltyCard,
    LoyaltyCustomer,
    MerchantCard,
    PasscodeCheck,
)
from pos_gui.api.models.oauth import DeviceCodes, OAuthErrorBody, TokenResponse
from pos_gui.api.models.smart_transactions import (
    CANCELLED_STATUSES,
    BasketInfo,
    BasketProduct,
    Ident,
    PreTransactionResult,
    ReceiptLine,
    SmartTransaction,
    SmartTransactionDraft,
    TransactionBasket,
)

__all__ = [
    "CANCELLED_STATUSES",
    "ApiErrorPayload",
    "BasketInfo",
    "BasketProduct",
    "CardGroup",
    "CardValidation",
    "CustomerContact",
    "DeviceCodes",
    "Ident",
    "ListEnvelope",
    "LoyaltyCard",
    "LoyaltyCustomer",
    "MerchantCard",
    "OAuthErrorBody",
    "PasscodeCheck",
    "PreTransactionResult",
    "ProductRef",
    "ReceiptLine",
    "SmartTransaction",
    "SmartTransactionDraft",
    "TokenResponse",
    "TransactionBasket",
    "WireModel",
]
