-- Reminders for the Orleans ADO.NET reminders provider (Microsoft.Orleans.Reminders.AdoNet 10.x),
-- written against its contract: the query keys it loads from orleansquery, the parameters it binds
-- (@ServiceId, @GrainId as the grain id's string form, @GrainHash as the signed 32-bit uniform hash,
-- @ReminderName, @StartTime in UTC, @Period in milliseconds, @Version, @BeginHash/@EndHash) and the
-- columns it reads (GrainId, ReminderName, StartTime, Period, Version).
--
-- Required keys: ReadReminderRowsKey, ReadReminderRowKey, ReadRangeRows1Key, ReadRangeRows2Key,
-- UpsertReminderRowKey, DeleteReminderRowKey, DeleteReminderRowsKey.
--
-- A reminder's version is its ETag: an upsert moves it, a delete needs the version the caller read.

CREATE TABLE IF NOT EXISTS orleansreminderstable
(
    serviceid    varchar(150) NOT NULL,
    grainid      varchar(150) NOT NULL,
    remindername varchar(150) NOT NULL,
    starttime    timestamptz  NOT NULL,
    period       bigint       NOT NULL,
    grainhash    integer      NOT NULL,
    version      integer      NOT NULL,
    CONSTRAINT orleansreminderstable_pk PRIMARY KEY (serviceid, grainid, remindername)
);

-- The reminder service of each silo reads the reminders whose grain hash falls in its range of the ring.
CREATE INDEX IF NOT EXISTS ix_orleansreminderstable_hash ON orleansreminderstable (serviceid, grainhash);

INSERT INTO orleansquery (querykey, querytext) VALUES
('UpsertReminderRowKey', '
    INSERT INTO orleansreminderstable AS r (serviceid, grainid, remindername, starttime, period, grainhash, version)
    VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
    ON CONFLICT (serviceid, grainid, remindername) DO UPDATE
        SET starttime = excluded.starttime, period = excluded.period, grainhash = excluded.grainhash,
            version = r.version + 1
    RETURNING version
'),
('ReadReminderRowsKey', '
    SELECT grainid, remindername, starttime, period, version
    FROM orleansreminderstable
    WHERE serviceid = @ServiceId AND grainid = @GrainId
'),
('ReadReminderRowKey', '
    SELECT grainid, remindername, starttime, period, version
    FROM orleansreminderstable
    WHERE serviceid = @ServiceId AND grainid = @GrainId AND remindername = @ReminderName
'),
-- The range (BeginHash, EndHash] in signed order ...
('ReadRangeRows1Key', '
    SELECT grainid, remindername, starttime, period, version
    FROM orleansreminderstable
    WHERE serviceid = @ServiceId AND grainhash > @BeginHash AND grainhash <= @EndHash
'),
-- ... and the range that wraps around the end of the ring (also the whole ring when BeginHash = EndHash).
('ReadRangeRows2Key', '
    SELECT grainid, remindername, starttime, period, version
    FROM orleansreminderstable
    WHERE serviceid = @ServiceId AND (grainhash > @BeginHash OR grainhash <= @EndHash)
'),
('DeleteReminderRowKey', '
    WITH deleted AS (
        DELETE FROM orleansreminderstable
        WHERE serviceid = @ServiceId AND grainid = @GrainId AND remindername = @ReminderName AND version = @Version
        RETURNING 1)
    SELECT count(*)::integer FROM deleted
'),
('DeleteReminderRowsKey', '
    DELETE FROM orleansreminderstable WHERE serviceid = @ServiceId
')
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
