// Wait until the schema indexes created at start are online.
CALL db.awaitIndexes($seconds)
