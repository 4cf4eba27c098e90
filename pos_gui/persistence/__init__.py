"""SQLite persistence of the till: the append-only sale ledger and its read model."""
