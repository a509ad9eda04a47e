"""A body's remit written as a series of fields ("Bureau of Culture, Radio, Television and Tourism"):
one name, which the chunker would cut at each comma. Functions of a :class:`NameChunker` (``names``)
and its chunks; the chunker joins these series before its other lists of fields.
"""
from __future__ import annotations


def field_word(names, doc, k, person_tokens, places) -> bool:
    """A capitalised field word of a body's remit ("Culture", "Sports"): no head, person or place."""
    t = doc[k]
    return names.namey(t) and t.is_alpha and t.lower_ not in names.heads and k not in person_tokens and k not in places \
        and t.lower_ not in names.stop_initial


def join_field_series(names, doc, chunks, person_tokens, places):
    """A series of three or more fields after "of"/"for" is one name: "Bureau of Culture, Radio,
    Television and Tourism", "Ministry of Education, Culture, Sports, Science and Technology",
    "Bureau of Agriculture, Forestry and Water Resources of Lishui". The series: one field after
    "of", single fields between commas, and a last "A and B" of at most three words each side (then
    an optional "of PLACE"); anything else leaves the chunks as they are."""
    out = []
    i = 0
    while i < len(chunks):
        ls, le, q = chunks[i]
        j = i + 1
        if q or le - ls < 3 or doc[le - 2].lower_ not in ("of", "for") \
                or not field_word(names, doc, le - 1, person_tokens, places):
            out.append(chunks[i])
            i += 1
            continue
        prev_end, end = le, None
        while j < len(chunks):
            s, e, q2 = chunks[j]
            if q2 or s != prev_end + 1 or doc[s - 1].text != ",":
                break
            if e - s == 1 and field_word(names, doc, s, person_tokens, places):
                prev_end, j = e, j + 1
                continue
            ands = [k for k in range(s, e) if doc[k].lower_ in ("and", "&")]
            tail = next((k for k in range(s, e) if doc[k].lower_ in ("of", "for")), e)
            if len(ands) == 1 and ands[0] == s + 1 and 1 <= tail - s - 2 <= 3 \
                    and all(field_word(names, doc, k, person_tokens, places) for k in (s, *range(s + 2, tail))):
                end = e
                j += 1
            break
        if end is None:
            out.append(chunks[i])
            i += 1
            continue
        out.append((ls, end, False))
        i = j
    return out
