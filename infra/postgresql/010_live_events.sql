-- The durable per-recipient event log behind live updates (docs/live-updates-and-access.md).
-- Only a stream's grain appends to it; the primary key still refuses a second event at one position,
-- and the unique id makes a republished event a no-op.
CREATE TABLE IF NOT EXISTS matching_live_event (
    stream     text        NOT NULL,
    sequence   bigint      NOT NULL,
    event_id   text        NOT NULL,
    type       text        NOT NULL,
    version    integer     NOT NULL,
    at         timestamptz NOT NULL,
    project_id uuid,
    payload    jsonb       NOT NULL,
    PRIMARY KEY (stream, sequence),
    CONSTRAINT matching_live_event_id UNIQUE (stream, event_id)
);
