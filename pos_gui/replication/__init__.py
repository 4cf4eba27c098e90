"""Replication of each till's ledger to the chain's central PostgreSQL (``docs/chains.md``).

The till's SQLite ledger stays the legal original and works alone; this package copies its
events, in sequence, to a central database keyed by (till id, sequence number). It reads the
ledger, never writes it, and never runs on the event loop. Nothing here is imported on the way to
the till's first window (psycopg loads asyncio and ssl): import the modules where they are used.
"""
