-- Cluster membership for the Orleans ADO.NET clustering provider (Microsoft.Orleans.Clustering.AdoNet
-- 10.x), written against its contract: the query keys it loads from orleansquery at start, the
-- parameter names it binds (@DeploymentId is the cluster id; @Address, @Port and @Generation identify a
-- silo; @Version is the table version the caller read) and the column names it reads back.
--
-- Required keys: InsertMembershipVersionKey, InsertMembershipKey, UpdateMembershipKey,
-- UpdateIAmAlivetimeKey, MembershipReadRowKey, MembershipReadAllKey, GatewaysQueryKey,
-- DeleteMembershipTableEntriesKey, CleanupDefunctSiloEntriesKey. Optional (used when present):
-- CleanupDefunctSiloEntryKey, which removes one dead silo's row only if it is still the row the
-- caller read.
--
-- Membership is optimistic: every insert or update of a silo row also moves the cluster's table
-- version from the version the caller read to the next one, in one transaction. A caller holding a
-- stale version changes nothing and gets 0 back; the row and the version never move apart.
--
-- Times are timestamptz: the provider binds UTC DateTimes and reads them back as UTC.

CREATE TABLE IF NOT EXISTS orleansmembershipversiontable
(
    deploymentid varchar(150) NOT NULL,
    timestamp    timestamptz  NOT NULL DEFAULT now(),
    version      integer      NOT NULL DEFAULT 0,
    CONSTRAINT orleansmembershipversiontable_pk PRIMARY KEY (deploymentid)
);

CREATE TABLE IF NOT EXISTS orleansmembershiptable
(
    deploymentid varchar(150)  NOT NULL,
    address      varchar(45)   NOT NULL,
    port         integer       NOT NULL,
    generation   integer       NOT NULL,
    siloname     varchar(150)  NOT NULL,
    hostname     varchar(150)  NOT NULL,
    status       integer       NOT NULL,
    proxyport    integer       NULL,
    suspecttimes varchar(8000) NULL,
    starttime    timestamptz   NOT NULL,
    iamalivetime timestamptz   NOT NULL,
    CONSTRAINT orleansmembershiptable_pk PRIMARY KEY (deploymentid, address, port, generation),
    CONSTRAINT orleansmembershiptable_version_fk FOREIGN KEY (deploymentid)
        REFERENCES orleansmembershipversiontable (deploymentid)
);

-- Adds a silo's row and moves the table version, both or neither. Returns 1 on success, 0 when the
-- version was stale or the silo already had a row.
CREATE OR REPLACE FUNCTION matching_membership_insert(
    _deploymentid varchar, _address varchar, _port integer, _generation integer,
    _siloname varchar, _hostname varchar, _status integer, _proxyport integer,
    _suspecttimes varchar, _starttime timestamptz, _iamalivetime timestamptz, _version integer)
    RETURNS TABLE(succeeded integer)
    LANGUAGE plpgsql
AS $function$
DECLARE
    _rows integer;
BEGIN
    UPDATE orleansmembershipversiontable
    SET version = version + 1, timestamp = now()
    WHERE deploymentid = _deploymentid AND version = _version;
    GET DIAGNOSTICS _rows = ROW_COUNT;
    IF _rows = 0 THEN
        RETURN QUERY SELECT 0;
        RETURN;
    END IF;

    INSERT INTO orleansmembershiptable
        (deploymentid, address, port, generation, siloname, hostname, status, proxyport, suspecttimes, starttime, iamalivetime)
    VALUES
        (_deploymentid, _address, _port, _generation, _siloname, _hostname, _status, _proxyport, _suspecttimes, _starttime, _iamalivetime)
    ON CONFLICT (deploymentid, address, port, generation) DO NOTHING;
    GET DIAGNOSTICS _rows = ROW_COUNT;
    IF _rows = 0 THEN
        -- The silo already has a row: undo the version move (the function runs in the caller's statement).
        RAISE EXCEPTION USING ERRCODE = 'MX001', MESSAGE = 'membership row exists';
    END IF;

    RETURN QUERY SELECT 1;
EXCEPTION
    WHEN SQLSTATE 'MX001' THEN
        RETURN QUERY SELECT 0;
END
$function$;

-- Updates a silo's status, suspicions and heartbeat and moves the table version, both or neither.
-- Returns 1 on success, 0 when the version was stale or the silo has no row.
CREATE OR REPLACE FUNCTION matching_membership_update(
    _deploymentid varchar, _address varchar, _port integer, _generation integer,
    _status integer, _suspecttimes varchar, _iamalivetime timestamptz, _version integer)
    RETURNS TABLE(succeeded integer)
    LANGUAGE plpgsql
AS $function$
DECLARE
    _rows integer;
BEGIN
    UPDATE orleansmembershipversiontable
    SET version = version + 1, timestamp = now()
    WHERE deploymentid = _deploymentid AND version = _version;
    GET DIAGNOSTICS _rows = ROW_COUNT;
    IF _rows = 0 THEN
        RETURN QUERY SELECT 0;
        RETURN;
    END IF;

    UPDATE orleansmembershiptable
    SET status = _status, suspecttimes = _suspecttimes, iamalivetime = _iamalivetime
    WHERE deploymentid = _deploymentid AND address = _address AND port = _port AND generation = _generation;
    GET DIAGNOSTICS _rows = ROW_COUNT;
    IF _rows = 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'MX001', MESSAGE = 'membership row missing';
    END IF;

    RETURN QUERY SELECT 1;
EXCEPTION
    WHEN SQLSTATE 'MX001' THEN
        RETURN QUERY SELECT 0;
END
$function$;

INSERT INTO orleansquery (querykey, querytext) VALUES
('InsertMembershipVersionKey', '
    WITH inserted AS (
        INSERT INTO orleansmembershipversiontable (deploymentid) VALUES (@DeploymentId)
        ON CONFLICT (deploymentid) DO NOTHING
        RETURNING 1)
    SELECT count(*)::integer FROM inserted
'),
('InsertMembershipKey', '
    SELECT succeeded FROM matching_membership_insert(
        @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
        NULL, @StartTime, @IAmAliveTime, @Version)
'),
('UpdateMembershipKey', '
    SELECT succeeded FROM matching_membership_update(
        @DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes, @IAmAliveTime, @Version)
'),
('UpdateIAmAlivetimeKey', '
    UPDATE orleansmembershiptable
    SET iamalivetime = @IAmAliveTime
    WHERE deploymentid = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
'),
('MembershipReadRowKey', '
    SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status, m.proxyport,
           m.suspecttimes, m.starttime, m.iamalivetime, v.version
    FROM orleansmembershipversiontable v
    LEFT JOIN orleansmembershiptable m
        ON m.deploymentid = v.deploymentid
       AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    WHERE v.deploymentid = @DeploymentId
'),
('MembershipReadAllKey', '
    SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status, m.proxyport,
           m.suspecttimes, m.starttime, m.iamalivetime, v.version
    FROM orleansmembershipversiontable v
    LEFT JOIN orleansmembershiptable m ON m.deploymentid = v.deploymentid
    WHERE v.deploymentid = @DeploymentId
'),
('GatewaysQueryKey', '
    SELECT address, proxyport, generation
    FROM orleansmembershiptable
    WHERE deploymentid = @DeploymentId AND status = @Status AND proxyport > 0
'),
('DeleteMembershipTableEntriesKey', '
    DELETE FROM orleansmembershiptable WHERE deploymentid = @DeploymentId;
    DELETE FROM orleansmembershipversiontable WHERE deploymentid = @DeploymentId;
'),
-- Status 6 is SiloStatus.Dead: only dead silos whose last heartbeat and start are older than the cut-off.
('CleanupDefunctSiloEntriesKey', '
    DELETE FROM orleansmembershiptable
    WHERE deploymentid = @DeploymentId AND status = 6
      AND iamalivetime < @IAmAliveTime AND starttime < @IAmAliveTime
'),
('CleanupDefunctSiloEntryKey', '
    DELETE FROM orleansmembershiptable
    WHERE deploymentid = @DeploymentId AND status = 6
      AND address = @Address AND port = @Port AND generation = @Generation
      AND iamalivetime = @IAmAliveTime AND starttime = @StartTime
      AND coalesce(suspecttimes, '''') = coalesce(@SuspectTimes, '''')
')
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
