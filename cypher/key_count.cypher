// How many match keys the store holds (from the counts store, O(1)).
MATCH (k:Key)
RETURN count(k) AS keys
