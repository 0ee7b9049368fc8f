-- Tagged rows (RowWrite.Tag, RowQuery.Tags): a row may carry a tag (a county inbox row its project's
-- status), and a page of chosen tags is one keyset range per tag of this index, whatever the partition
-- holds. Only tagged rows are in the index, so untagged writes (history, keys) do not maintain it; the
-- expiry is included so that a tag's count can be an index-only scan.
ALTER TABLE matching_row ADD COLUMN IF NOT EXISTS tag text COLLATE "C";
CREATE INDEX IF NOT EXISTS matching_row_tagged ON matching_row (collection, partition, tag, sort, key) INCLUDE (expires_at) WHERE tag IS NOT NULL;
