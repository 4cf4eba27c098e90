"""Pure domain logic of the till: money, basket, VAT, card-share prediction. No I/O, no Qt."""
