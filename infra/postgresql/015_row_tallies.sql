-- Tallies of the row store (RowWrite.Tally): how many rows naming a tally were inserted, counted in the
-- insert's own statement, so a count is one keyed read (the yearly county report's figures).
CREATE TABLE IF NOT EXISTS matching_tally (
    collection text COLLATE "C" NOT NULL,
    tally      text COLLATE "C" NOT NULL,
    count      bigint NOT NULL,
    PRIMARY KEY (collection, tally)
);
