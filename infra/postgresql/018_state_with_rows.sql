-- A grain's state write and the rows its change owes committed in one transaction (RowsWithState): the
-- state update is then the first statement of a batch whose other statements are the row writes, and a
-- stale version must fail the whole batch instead of updating nothing while the rows commit. The update
-- runs in a CTE and this function raises (SQLSTATE MS409) unless it updated exactly one row.
CREATE OR REPLACE FUNCTION matching_expect_one_state(written bigint) RETURNS integer
LANGUAGE plpgsql AS $$
BEGIN
    IF written <> 1 THEN
        RAISE EXCEPTION 'grain state version is stale: % rows written', written USING ERRCODE = 'MS409';
    END IF;
    RETURN 1;
END
$$;
