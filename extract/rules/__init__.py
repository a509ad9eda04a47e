"""The relation rules behind ``innograph_relations`` (extract/components/relations.py).

Each rule reads one sentence and appends (source mention, type, target mention, properties,
confidence, rule name) to a list; only the six typed relations of ONTOLOGY.md are produced, and two
names in one sentence are never a relation by themselves.

- :mod:`extract.rules.surface`: rules over the words around names (nested names, apposition,
  possessives, "X-based", brackets, "in"), and a city and its province named together;
- :mod:`extract.rules.positions`: people and their offices (HOLDS_POSITION);
- :mod:`extract.rules.triggers`: ORGANISES, PARTICIPATES_IN and COOPERATES_WITH from the trigger
  words of the lexicon's ``[triggers]``;
- :mod:`extract.rules.dependency`: the dependency patterns (:mod:`extract.rules.patterns`, matched by
  ``innograph_depmatch``) turned into relations, over the lists of :mod:`extract.rules.coordination`;
- :mod:`extract.rules.itemlists`: lists laid out as lines after a colon-ended lead ("The hub cities
  are:" then "• A", "• B");
- :mod:`extract.rules.implicit`: designations and admissions whose programme the article named
  before ("A was recognised as an innovation base", "30 cities have joined, including A and B");
- :mod:`extract.rules.units`: units at / of / owned by their body (PART_OF), "X is home to A" (LOCATED_IN);
- :mod:`extract.rules.followups`: a list in the sentence after its plural lead ("Three cities joined
  P. They are A, B and C.") or after a colon in the lead's own sentence;
- :mod:`extract.rules.places` and :mod:`extract.rules.common`: what several rules share (where the
  gazetteer puts places; mention look-ups, role words).
"""
