-- Kept counts of tagged rows (RowWrite.Tag) per (collection, partition, tag): the total of a tagged page
-- (a county inbox's entries of a status) is one keyed read instead of a count of the tag's index range,
-- which grew with the inbox. A trigger keeps them in the transaction of the write that changes a row's
-- tag (insert, put, re-tag, delete, purge), from the row as it was and as it became, so a replayed put or
-- re-tag (the tag unchanged) counts nothing, and two writers of one row are counted in the order
-- PostgreSQL applied them. The row store takes a per-partition lock row in matching_tally (in the commit
-- queue's one order) before its tagged writes, so two batches in flight never wait on each other's counts
-- the other way round.
LOCK TABLE matching_row IN SHARE ROW EXCLUSIVE MODE;

CREATE TABLE IF NOT EXISTS matching_tag_count (
    collection text COLLATE "C" NOT NULL,
    partition  text COLLATE "C" NOT NULL,
    tag        text COLLATE "C" NOT NULL,
    count      bigint NOT NULL,
    PRIMARY KEY (collection, partition, tag)
);

CREATE OR REPLACE FUNCTION matching_count_tags() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.tag IS NOT NULL THEN
        UPDATE matching_tag_count SET count = count - 1 WHERE collection = OLD.collection AND partition = OLD.partition AND tag = OLD.tag;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.tag IS NOT NULL THEN
        INSERT INTO matching_tag_count (collection, partition, tag, count) VALUES (NEW.collection, NEW.partition, NEW.tag, 1)
        ON CONFLICT (collection, partition, tag) DO UPDATE SET count = matching_tag_count.count + 1;
    END IF;
    RETURN NULL;
END
$$;

-- Writes that cannot change a tag (untagged inserts, updates that keep the tag) do not run the function.
CREATE TRIGGER matching_row_tag_inserted AFTER INSERT ON matching_row FOR EACH ROW WHEN (NEW.tag IS NOT NULL) EXECUTE FUNCTION matching_count_tags();
CREATE TRIGGER matching_row_tag_changed AFTER UPDATE OF tag ON matching_row FOR EACH ROW WHEN (OLD.tag IS DISTINCT FROM NEW.tag) EXECUTE FUNCTION matching_count_tags();
CREATE TRIGGER matching_row_tag_deleted AFTER DELETE ON matching_row FOR EACH ROW WHEN (OLD.tag IS NOT NULL) EXECUTE FUNCTION matching_count_tags();

-- The rows tagged before the counts existed, counted once below; no row write runs until this commits.
INSERT INTO matching_tag_count (collection, partition, tag, count)
SELECT collection, partition, tag, count(*) FROM matching_row WHERE tag IS NOT NULL GROUP BY collection, partition, tag
ON CONFLICT (collection, partition, tag) DO UPDATE SET count = excluded.count;
