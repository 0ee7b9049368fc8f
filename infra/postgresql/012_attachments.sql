-- The blob store (src/Matching.Contracts/Attachments/IBlobStore.cs): evidence files of stage reports,
-- the bytes with their metadata, one row per file. A file never changes once stored.
CREATE TABLE IF NOT EXISTS matching_attachment (
    id          uuid        PRIMARY KEY,
    project_id  uuid        NOT NULL,
    file_name   text        NOT NULL,
    content_type text       NOT NULL,
    length      bigint      NOT NULL,
    sha256      text        NOT NULL,
    uploaded_by text        NOT NULL,
    uploaded_at timestamptz NOT NULL,
    content     bytea       NOT NULL
);
CREATE INDEX IF NOT EXISTS matching_attachment_project ON matching_attachment (project_id);
