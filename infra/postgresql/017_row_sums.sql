-- Replace-with-difference sums of the row store (IRowStore.ContributeAsync): each source's current parts a
-- row each, and the sums they add up to, kept by the difference in the part's own transaction, so a sum
-- is one keyed read (the yearly county report's ledger figures). numeric: the amounts are exact 万元.
CREATE TABLE IF NOT EXISTS matching_sum_part (
    collection text COLLATE "C" NOT NULL,
    source     text COLLATE "C" NOT NULL,
    name       text COLLATE "C" NOT NULL,
    value      numeric NOT NULL,
    PRIMARY KEY (collection, source, name)
);
CREATE TABLE IF NOT EXISTS matching_sum (
    collection text COLLATE "C" NOT NULL,
    name       text COLLATE "C" NOT NULL,
    value      numeric NOT NULL,
    PRIMARY KEY (collection, name)
);
