-- The row store (src/Matching.Contracts/Persistence/IRowStore.cs): what accumulates with use (project
-- history, inbox entries, idempotency keys, the investor index, audit), a row per item, read in pages.
-- Text columns compare in byte order (COLLATE "C") so that paging is the same as on SQLite.
CREATE TABLE IF NOT EXISTS matching_row (
    collection text COLLATE "C" NOT NULL,
    partition  text COLLATE "C" NOT NULL,
    key        text COLLATE "C" NOT NULL,
    sort       text COLLATE "C" NOT NULL,
    body       jsonb       NOT NULL,
    written_at timestamptz NOT NULL,
    expires_at timestamptz,
    PRIMARY KEY (collection, partition, key)
);
CREATE INDEX IF NOT EXISTS matching_row_order   ON matching_row (collection, partition, sort, key);
CREATE INDEX IF NOT EXISTS matching_row_written ON matching_row (collection, written_at);
CREATE INDEX IF NOT EXISTS matching_row_expiry  ON matching_row (expires_at) WHERE expires_at IS NOT NULL;
