"""Injection payloads and the error text that must never reach a client (tests/test_api_injection.py
sends them as HTTP parameters, tests/test_reliability_injection.py as ingested text and CLI
arguments)."""

PAYLOADS = [
    "' OR 1=1 //",
    '") MATCH (n) DETACH DELETE n //',
    "x'}) MATCH (n) DETACH DELETE n RETURN 1 //",
    "`) DETACH DELETE n //",
    "\\u0027) CALL db.labels() //",
    "' /* comment */ OR '1'='1",
    "1; DROP TABLE nodes; --",
    "city:jiaxing' OR '1'='1",
    "$param ${x} {{x}}",
    "\u0000\u202e'",
]

# Text a database or driver error would carry; none of it may reach a client.
LEAKS = ["Traceback", "sqlite3", "OperationalError", "syntax error", "near \"", "Neo.ClientError",
         "Neo.DatabaseError", "CypherSyntaxError", "neo4j.exceptions", "Invalid input '", "SELECT "]
