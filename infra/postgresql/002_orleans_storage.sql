-- Grain state for the Orleans ADO.NET persistence provider (Microsoft.Orleans.Persistence.AdoNet),
-- written against its documented contract: queries WriteToStorageKey, ReadFromStorageKey and
-- ClearStorageKey, the parameter names they bind, and the column names they read.
--
-- The provider of Orleans 7 and later serializes state itself (here: System.Text.Json bytes) and binds
-- only @PayloadBinary; the json and xml columns stay for readers of older rows.
--
-- Unlike the provider's own script, every grain's state has a UNIQUE key, and the first write of a
-- grain is INSERT ... ON CONFLICT DO NOTHING: two concurrent first writes (two activations of one grain
-- during a split) cannot both succeed; the loser gets no new version back, which the provider reports
-- as an InconsistentStateException.
CREATE TABLE IF NOT EXISTS orleansstorage
(
    grainidhash            integer                NOT NULL,
    grainidn0              bigint                 NOT NULL,
    grainidn1              bigint                 NOT NULL,
    graintypehash          integer                NOT NULL,
    graintypestring        character varying(512) NOT NULL,
    grainidextensionstring character varying(512),
    serviceid              character varying(150) NOT NULL,
    payloadbinary          bytea,
    payloadxml             xml,
    payloadjson            text,
    modifiedon             timestamp without time zone NOT NULL,
    version                integer
);

CREATE UNIQUE INDEX IF NOT EXISTS ux_orleansstorage_grain ON orleansstorage
    (grainidhash, graintypehash, grainidn0, grainidn1, graintypestring, coalesce(grainidextensionstring, ''), serviceid);

CREATE OR REPLACE FUNCTION writetostorage(
    _grainidhash integer,
    _grainidn0 bigint,
    _grainidn1 bigint,
    _graintypehash integer,
    _graintypestring character varying,
    _grainidextensionstring character varying,
    _serviceid character varying,
    _grainstateversion integer,
    _payloadbinary bytea,
    _payloadjson text,
    _payloadxml xml)
    RETURNS TABLE(newgrainstateversion integer)
    LANGUAGE plpgsql
AS $function$
DECLARE
    _newversion integer := _grainstateversion;
    _rows integer := 0;
BEGIN
    IF _grainstateversion IS NOT NULL THEN
        -- A stored version was read: update only that version (optimistic concurrency).
        UPDATE orleansstorage
        SET payloadbinary = _payloadbinary,
            payloadjson = _payloadjson,
            payloadxml = _payloadxml,
            modifiedon = (now() at time zone 'utc'),
            version = version + 1
        WHERE grainidhash = _grainidhash
          AND graintypehash = _graintypehash
          AND grainidn0 = _grainidn0
          AND grainidn1 = _grainidn1
          AND graintypestring = _graintypestring
          AND coalesce(grainidextensionstring, '') = coalesce(_grainidextensionstring, '')
          AND serviceid = _serviceid
          AND version = _grainstateversion;
        GET DIAGNOSTICS _rows = ROW_COUNT;
        IF _rows > 0 THEN
            _newversion := _grainstateversion + 1;
        END IF;
    ELSE
        -- Nothing was read: only the first of concurrent first writes inserts; the unique index decides.
        INSERT INTO orleansstorage
            (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring,
             serviceid, payloadbinary, payloadjson, payloadxml, modifiedon, version)
        VALUES
            (_grainidhash, _grainidn0, _grainidn1, _graintypehash, _graintypestring, _grainidextensionstring,
             _serviceid, _payloadbinary, _payloadjson, _payloadxml, (now() at time zone 'utc'), 1)
        ON CONFLICT DO NOTHING;
        GET DIAGNOSTICS _rows = ROW_COUNT;
        IF _rows > 0 THEN
            _newversion := 1;
        END IF;
    END IF;

    RETURN QUERY SELECT _newversion AS newgrainstateversion;
END
$function$;

INSERT INTO orleansquery (querykey, querytext) VALUES
('WriteToStorageKey', '
    select * from writetostorage(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
        @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary, NULL, NULL);
'),
('ReadFromStorageKey', '
    SELECT payloadbinary, payloadxml, payloadjson, (now() at time zone ''utc''), version
    FROM orleansstorage
    WHERE grainidhash = @GrainIdHash
      AND graintypehash = @GrainTypeHash
      AND grainidn0 = @GrainIdN0
      AND grainidn1 = @GrainIdN1
      AND graintypestring = @GrainTypeString
      AND coalesce(grainidextensionstring, '''') = coalesce(@GrainIdExtensionString, '''')
      AND serviceid = @ServiceId
'),
('ClearStorageKey', '
    UPDATE orleansstorage
    SET payloadbinary = NULL, payloadjson = NULL, payloadxml = NULL, version = version + 1
    WHERE grainidhash = @GrainIdHash
      AND graintypehash = @GrainTypeHash
      AND grainidn0 = @GrainIdN0
      AND grainidn1 = @GrainIdN1
      AND graintypestring = @GrainTypeString
      AND coalesce(grainidextensionstring, '''') = coalesce(@GrainIdExtensionString, '''')
      AND serviceid = @ServiceId
      AND version = @GrainStateVersion
    RETURNING version AS NewGrainStateVersion
')
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
