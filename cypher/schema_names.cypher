// Names of the store's indexes (constraints own an index of the same name) already present.
SHOW INDEXES YIELD name
WHERE name STARTS WITH 'innograph_'
RETURN collect(name) AS names
