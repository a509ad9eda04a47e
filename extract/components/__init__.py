"""spaCy components of the InnoGraph extractor, one module each, registered under ``innograph_*``
names; importing this package registers them all (see extract/pipeline.py).

Order in the pipeline (see pipeline.cfg): the model's own components, with

- ``innograph_lines`` (:mod:`.lines`) before the parser: line breaks and datelines end sentences;

then, after the model's ``ner``,

- ``innograph_gazetteer`` (:mod:`.gazetteer`): China's places, countries and known
  organisations/projects (data files) found with PhraseMatchers;
- ``innograph_entities`` (:mod:`.entities`, with :mod:`.name_chunks`): domain entity recognition
  (name chunks typed by their head word, acronyms defined in brackets, people with titles, the
  model's entities as a fallback) -> ``doc.ents``;
- ``innograph_coref`` (:mod:`.coref`): in-document coreference (acronym/full name, short/full name,
  "the city");
- ``innograph_depmatch`` (:mod:`.depmatch`): the dependency patterns, matched;
- ``innograph_relations`` (:mod:`.relations`): the six typed relations (rules in extract/rules/).
- ``innograph_relclf`` (:mod:`.relclf`): a trained pair classifier that adds relations the rules
  missed (used when pipeline.cfg lists it).

Everything a later step needs is kept as plain data in ``doc.user_data["innograph"]``
(:mod:`.shared`).
"""
from extract.components import coref, depmatch, entities, gazetteer, lines, relations, relclf  # noqa: F401  (registers the factories)
