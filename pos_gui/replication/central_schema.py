"""The central database's schema and its migrations (``pos-gui central init``).

The central ``events`` table holds every till's ledger events as the till wrote them, keyed by
(till id, sequence number): a resent event is a no-op, a missing number is visible. ``tills``
says how far each till has come. The views read only ``events`` (a paid sale is its
``payment_confirmed`` event), so they are right whatever order the tills catch up in.

Migrations are numbered and run in order, each in one transaction with the version it reaches;
two tills running ``central init`` at once are serialised by an advisory lock.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    import psycopg

# An arbitrary constant shared by every till: the advisory lock that serialises migrations.
MIGRATION_LOCK_KEY: Final = 0x706F735F72657031

_VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS schema_version (
    version     integer PRIMARY KEY,
    applied_at  timestamptz NOT NULL DEFAULT now()
)
"""

_V1_TABLES = """
CREATE TABLE tills (
    till_id          text PRIMARY KEY,
    store_id         text NOT NULL DEFAULT '',
    received_seq     bigint NOT NULL DEFAULT 0,
    ledger_seq       bigint NOT NULL DEFAULT 0,
    first_contact_at timestamptz NOT NULL DEFAULT now(),
    last_contact_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON COLUMN tills.received_seq IS 'highest sequence number of the till stored here, without a gap below it';
COMMENT ON COLUMN tills.ledger_seq IS 'highest sequence number in the till''s own ledger, as it said last';

CREATE TABLE events (
    till_id      text NOT NULL REFERENCES tills (till_id),
    seq          bigint NOT NULL CHECK (seq > 0),
    sale_id      text NOT NULL,
    kind         text NOT NULL,
    payload      jsonb NOT NULL,
    recorded_at  text NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (till_id, seq)
);
COMMENT ON COLUMN events.recorded_at IS 'the till''s local time with UTC offset, ISO 8601, exactly as in its ledger';
CREATE INDEX events_by_kind ON events (kind, till_id);

-- A replicated event is a copy of the legal original: never changed, never deleted.
CREATE FUNCTION refuse_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'replicated ledger events are never changed or deleted';
END
$$;
CREATE TRIGGER events_are_append_only BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION refuse_event_change();
"""

# One row per paid sale: its payment_confirmed event. Amounts in integer cents.
_V1_VIEWS = """
CREATE VIEW paid_sales AS
SELECT e.till_id,
       t.store_id,
       e.sale_id,
       e.seq                                          AS paid_seq,
       e.recorded_at                                  AS paid_at,
       left(e.recorded_at, 10)::date                  AS local_day,
       e.payload -> 'transaction' ->> 'id'            AS transaction_id,
       (e.payload -> 'payment' ->> 'total')::bigint     AS total,
       (e.payload -> 'payment' ->> 'card_paid')::bigint AS card_paid,
       (e.payload -> 'payment' ->> 'cash_due')::bigint  AS cash_due
FROM events e
JOIN tills t USING (till_id)
WHERE e.kind = 'payment_confirmed';

CREATE VIEW sales_per_till_day AS
SELECT store_id, till_id, local_day,
       count(*)                 AS sales,
       sum(total)::bigint      AS total,
       sum(card_paid)::bigint  AS card_paid,
       sum(cash_due)::bigint   AS cash_due
FROM paid_sales
GROUP BY store_id, till_id, local_day;

CREATE VIEW sales_per_store_day AS
SELECT store_id, local_day,
       count(*)                 AS sales,
       sum(total)::bigint      AS total,
       sum(card_paid)::bigint  AS card_paid,
       sum(cash_due)::bigint   AS cash_due
FROM paid_sales
GROUP BY store_id, local_day;

-- How far behind each till is, as far as the centre knows.
CREATE VIEW replication_lag AS
SELECT till_id, store_id, received_seq, ledger_seq,
       greatest(ledger_seq - received_seq, 0) AS events_pending,
       last_contact_at
FROM tills;

-- Z closings: a placeholder until the till records its closings as ledger events (kind
-- 'z_closing', payload with the closing's number and totals); the view then lists them as they are.
CREATE VIEW z_closings AS
SELECT e.till_id, t.store_id, e.seq, e.recorded_at, left(e.recorded_at, 10)::date AS local_day,
       e.payload
FROM events e
JOIN tills t USING (till_id)
WHERE e.kind = 'z_closing';
"""

# Version 2: the catalogue published centrally for every till (``pos-gui central publish-catalog``),
# training sales marked in ``paid_sales`` (the Z leaves them out, so do the per-day sums now), and
# the Z closings' figures as columns (the till writes ``z_closing`` events since the shop day).
_V2_CATALOG_AND_Z = """
CREATE TABLE catalog_versions (
    version       bigserial PRIMARY KEY,
    source        text NOT NULL DEFAULT '',
    articles      integer NOT NULL,
    content       text NOT NULL,
    published_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON COLUMN catalog_versions.content IS 'the catalogue file in the till''s own CSV format (docs/catalog.md)';
CREATE TRIGGER catalog_versions_are_append_only BEFORE UPDATE OR DELETE ON catalog_versions
    FOR EACH ROW EXECUTE FUNCTION refuse_event_change();

CREATE OR REPLACE VIEW paid_sales AS
SELECT e.till_id,
       t.store_id,
       e.sale_id,
       e.seq                                          AS paid_seq,
       e.recorded_at                                  AS paid_at,
       left(e.recorded_at, 10)::date                  AS local_day,
       e.payload -> 'transaction' ->> 'id'            AS transaction_id,
       (e.payload -> 'payment' ->> 'total')::bigint     AS total,
       (e.payload -> 'payment' ->> 'card_paid')::bigint AS card_paid,
       (e.payload -> 'payment' ->> 'cash_due')::bigint  AS cash_due,
       EXISTS (SELECT 1 FROM events o
               WHERE o.till_id = e.till_id AND o.sale_id = e.sale_id AND o.kind = 'sale_opened'
                 AND (o.payload ->> 'training')::boolean) AS training
FROM events e
JOIN tills t USING (till_id)
WHERE e.kind = 'payment_confirmed';

CREATE OR REPLACE VIEW sales_per_till_day AS
SELECT store_id, till_id, local_day,
       count(*)                 AS sales,
       sum(total)::bigint      AS total,
       sum(card_paid)::bigint  AS card_paid,
       sum(cash_due)::bigint   AS cash_due
FROM paid_sales
WHERE NOT training
GROUP BY store_id, till_id, local_day;

CREATE OR REPLACE VIEW sales_per_store_day AS
SELECT store_id, local_day,
       count(*)                 AS sales,
       sum(total)::bigint      AS total,
       sum(card_paid)::bigint  AS card_paid,
       sum(cash_due)::bigint   AS cash_due
FROM paid_sales
WHERE NOT training
GROUP BY store_id, local_day;

CREATE OR REPLACE VIEW z_closings AS
SELECT e.till_id, t.store_id, e.seq, e.recorded_at, left(e.recorded_at, 10)::date AS local_day,
       e.payload,
       (e.payload ->> 'number')::integer                         AS z_number,
       (e.payload ->> 'business_day')::date                      AS business_day,
       (e.payload -> 'totals' ->> 'sales_count')::bigint         AS sales_count,
       (e.payload -> 'totals' ->> 'sales_total')::bigint         AS sales_total,
       (e.payload -> 'totals' ->> 'card_share')::bigint          AS card_share,
       (e.payload -> 'totals' ->> 'cash_sales')::bigint          AS cash_sales,
       (e.payload -> 'totals' ->> 'storno_total')::bigint        AS storno_total,
       (e.payload -> 'totals' ->> 'revenue')::bigint             AS revenue,
       (e.payload ->> 'counted_total')::bigint                   AS counted_total,
       (e.payload ->> 'difference')::bigint                      AS difference
FROM events e
JOIN tills t USING (till_id)
WHERE e.kind = 'z_closing';

-- The chain's Z closings per till and business day (a till may close more than once a day).
CREATE VIEW z_closings_per_till_day AS
SELECT store_id, till_id, business_day,
       count(*)                    AS closings,
       sum(sales_count)::bigint    AS sales_count,
       sum(sales_total)::bigint    AS sales_total,
       sum(card_share)::bigint     AS card_share,
       sum(cash_sales)::bigint     AS cash_sales,
       sum(storno_total)::bigint   AS storno_total,
       sum(revenue)::bigint        AS revenue,
       sum(difference)::bigint     AS difference
FROM z_closings
GROUP BY store_id, till_id, business_day;
"""

# Each migration: (the version it reaches, its SQL). Append new ones; never edit a shipped one.
MIGRATIONS: Final[tuple[tuple[int, str], ...]] = ((1, _V1_TABLES + _V1_VIEWS), (2, _V2_CATALOG_AND_Z))
SCHEMA_VERSION: Final = MIGRATIONS[-1][0]


class CentralSchemaError(Exception):
    """The central database's schema does not fit this till (too old, or newer than it knows)."""


def schema_version(connection: psycopg.Connection) -> int:
    """The central schema's version; 0 for a database ``central init`` never ran on."""
    exists = connection.execute("SELECT to_regclass('schema_version') IS NOT NULL").fetchone()
    if not exists or not exists[0]:
        return 0
    row = connection.execute("SELECT COALESCE(max(version), 0) FROM schema_version").fetchone()
    return int(row[0]) if row else 0


def migrate(connection: psycopg.Connection) -> list[int]:
    """Bring the central schema to :data:`SCHEMA_VERSION`; returns the versions applied now.

    Each migration runs in its own transaction together with its version row, so a failure
    leaves the schema at the last complete version. Raises :class:`CentralSchemaError` for a
    schema newer than this till knows (a till of an older release must not touch it).
    """
    applied: list[int] = []
    with connection.transaction():
        connection.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK_KEY,))
        connection.execute(_VERSION_TABLE)
    for version, statements in MIGRATIONS:
        with connection.transaction():
            connection.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK_KEY,))
            current = schema_version(connection)
            if current > SCHEMA_VERSION:
                raise CentralSchemaError(
                    f"the central schema is version {current}; this till knows only up to {SCHEMA_VERSION}"
                )
            if current >= version:
                continue
            connection.execute(statements.encode())
            connection.execute("INSERT INTO schema_version (version) VALUES (%s)", (version,))
            applied.append(version)
    return applied


def check_schema(connection: psycopg.Connection) -> None:
    """Raise :class:`CentralSchemaError` unless the central schema is the one this till writes."""
    current = schema_version(connection)
    if current != SCHEMA_VERSION:
        raise CentralSchemaError(
            f"the central schema is version {current}, this till needs {SCHEMA_VERSION}: "
            "run `pos-gui central init --dsn ...`"
        )
