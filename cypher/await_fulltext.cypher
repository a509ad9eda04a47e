// Wait until the eventually consistent fulltext indexes have applied every committed change
// (bench/bench_neo4j_ingest.py counts that deferred work in the load that caused it).
CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh()
