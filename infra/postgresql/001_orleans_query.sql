-- The table of queries the Orleans ADO.NET providers run. They read results and bind parameters by
-- name, so query keys, column names and parameter names are the providers' contract.
CREATE TABLE IF NOT EXISTS orleansquery
(
    querykey  varchar(64)   NOT NULL,
    querytext varchar(8000) NOT NULL,
    CONSTRAINT orleansquery_key PRIMARY KEY (querykey)
);
