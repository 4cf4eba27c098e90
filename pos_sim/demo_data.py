"""The demo world: the seed's merchant, store and device, and one card for every cashier case.

The numbers of the extra cards are fixed: the README, the docs and other tests refer to them.
"""

from __future__ import annotations

from pos_sim.cards import SimCard, new_card

MERCHANT_ID = "MRC_35SZ3R5GGQQP4T0U2T5GFAN9P6C4PG"
MERCHANT_NAME = "John's Bakery"
STORE_ID = "STO_2ZCZRU9V6U8QA7B49K94667UP6C4PJ"
DEVICE_ID = "SDV_2YJDXYESB2YBHECVB5GQGSYPNM8UA6"

GIFT_CARDGROUP_ID = "CRG_2BESGJNETJJRZVVYS8R7JWGVWK4PRZ"
GIFT_CARDGROUP_NAME = "Geschenkgutschein"
BAKERY_CARDGROUP_ID = "CRG_3KDNW7PQ2XM4T8R1B6Y9ZC5HJ0VLAE"
BAKERY_CARDGROUP_NAME = "Kundenkarte Bäckerei"

SEED_CARD_NUMBER = "9276004429942845"
BONUS_CARD_NUMBER = "9276000000000011"
LOW_BALANCE_CARD_NUMBER = "9276000000000029"
EMPTY_CARD_NUMBER = "9276000000000037"
LOCKED_CARD_NUMBER = "9276000000000045"
PASSCODE_CARD_NUMBER = "9276000000000052"
# The customer's PIN of the passcode card (checkPasscode); documented in docs/simulator.md.
PASSCODE_CARD_PIN = "1234"
BONUS_ONLY_CARD_NUMBER = "9276000000000060"

# The seed's ident type (reference §2.3: smi_1 = "secucard Kundenkarte").
IDENT_TYPE_ID = "smi_1"
IDENT_PREFIX = "9276"
IDENT_NAME = "secucard Kundenkarte"

# The TA code after the seed's (29187332), so demo receipts look like the documented ones.
FIRST_TRANS_ID = 29187333


def seed_card() -> SimCard:
    """The card of the seed response, field for field."""
    return SimCard(
        cardnumber=SEED_CARD_NUMBER,
        merchantcard_id="MCD_2RXTNXPRM2YG9922UMBHHAEWEGN6AJ",
        card_id="CRD_2U7MTNAMM3PMBPAB50C9G2AEHA9GPJ",
        cardgroup_id=GIFT_CARDGROUP_ID,
        cardgroup_name=GIFT_CARDGROUP_NAME,
        customer_id="CUS_2YBREKK0A2MNAXJ752TSDD9DH3PKAJ",
        forename="Max",
        surname="Mustermann",
        dob="2018-02-14T00:00:00+00:00",
        cash_balance=1000,
        bonus_balance=0,
        points=0,
        card_created="2015-09-28T16:01:20+02:00",
        customer_created="2018-05-03T10:14:06+02:00",
        last_usage="2020-09-24T15:51:06+02:00",
        last_charge="2020-09-24T14:40:57+02:00",
    )


def _card(
    number: str,
    holder: str,
    group: tuple[str, str],
    *,
    cash: int = 0,
    bonus: int = 0,
    points: int = 0,
    locked: bool = False,
    passcode: int = 0,
    pin: str | None = None,
) -> SimCard:
    return new_card(
        number,
        holder=holder,
        cardgroup_id=group[0],
        cardgroup_name=group[1],
        cash_balance=cash,
        bonus_balance=bonus,
        points=points,
        lock_status="locked" if locked else "unlocked",
        passcode=passcode,
        pin=pin,
    )


def demo_cards() -> list[SimCard]:
    """Every demo card, the seed card first."""
    gift = (GIFT_CARDGROUP_ID, GIFT_CARDGROUP_NAME)
    bakery = (BAKERY_CARDGROUP_ID, BAKERY_CARDGROUP_NAME)
    return [
        seed_card(),
        _card(BONUS_CARD_NUMBER, "Erika Musterfrau", bakery, cash=2000, bonus=350, points=120),
        _card(LOW_BALANCE_CARD_NUMBER, "Jonas Beispiel", gift, cash=500),
        _card(EMPTY_CARD_NUMBER, "Lea Leer", gift),
        _card(LOCKED_CARD_NUMBER, "Gesperrt Gustav", bakery, cash=1500, locked=True),
        _card(PASSCODE_CARD_NUMBER, "Paula Passcode", gift, cash=3000, passcode=1, pin=PASSCODE_CARD_PIN),
        _card(BONUS_ONLY_CARD_NUMBER, "Bruno Bonus", bakery, bonus=150, points=800),
    ]
