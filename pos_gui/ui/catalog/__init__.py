"""The cashier side of the article catalogue: the search popup, the open-price dialog, import and export."""
