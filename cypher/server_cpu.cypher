// CPU time the Neo4j server process has used so far, in nanoseconds (its JVM's OperatingSystem
// bean; bench/bench_neo4j_ingest.py measures each load's server CPU with it). Null where JMX is
// not available.
CALL dbms.queryJmx('java.lang:type=OperatingSystem') YIELD attributes
RETURN attributes.ProcessCpuTime.value AS ns
