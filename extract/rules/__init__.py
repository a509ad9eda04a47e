"""The relation rules behind ``innograph_relations`` (extract/components/relations.py).

Each rule reads one sentence and appends (source mention, type, target mention, properties,
confidence, rule name) to a list; only the six typed relations of ONTOLOGY.md are produced, and two
names in one sentence are never a relation by themselves.

By relation type (each module's docstring says which shapes it reads):

- LOCATED_IN: :mod:`extract.rules.surface` (nested names, apposition, possessives, "X-based", "in"),
  :mod:`extract.rules.locations` (constructions the surface and dependency rules do not read),
  :mod:`extract.rules.residence` (a body that moves or sits somewhere, a located list),
  :mod:`extract.rules.namesakes` (a body named after its place: weaker), :mod:`extract.rules.clauses`
  ("X is an event held in Y", "X, part of Y") and :mod:`extract.rules.addresses` ("Headquartered in
  Y, X", "SMIC, Shanghai's largest chipmaker", "universities in Wuhan, including A and B");
- PART_OF: :mod:`extract.rules.units` (units at / of / under their body), :mod:`extract.rules.partners`,
  :mod:`extract.rules.clauses` ("X is a unit affiliated to Y", "As a subsidiary of Y, X");
- HOLDS_POSITION: :mod:`extract.rules.positions` (title words and chains),
  :mod:`extract.rules.office_verbs` (offices stated by verbs);
- PARTICIPATES_IN and ORGANISES: :mod:`extract.rules.triggers` (the lexicon's ``[triggers]``),
  :mod:`extract.rules.attendance` (attendance of the article's current event),
  :mod:`extract.rules.designations` (roles the parse misreads), :mod:`extract.rules.implicit`
  (designations of the article's programme), :mod:`extract.rules.support` (guidance and support);
- COOPERATES_WITH: :mod:`extract.rules.partners` (partner nouns, joint bodies, signers),
  :mod:`extract.rules.constructions` (nouns, passives, headlines, paired titles), :mod:`extract.rules.clauses`
  ("co-founded by A and B"; no partners where one place is stated in the other);
- across a sentence or the article: :mod:`extract.rules.dependency` (the dependency patterns of
  :mod:`extract.rules.patterns` matched by ``innograph_depmatch``, over the lists of
  :mod:`extract.rules.coordination`), :mod:`extract.rules.discourse` (lists, group nouns, the
  programme), :mod:`extract.rules.itemlists` (lists laid out as lines), :mod:`extract.rules.followups`
  (a list in the next sentence);
- shared: :mod:`extract.rules.places` (where the gazetteer puts places), :mod:`extract.rules.common`
  (mention look-ups, role words), :mod:`extract.rules.dates` (the validity a sentence states),
  :mod:`extract.rules.acronyms` (acronyms read as the body they stand for).
"""
