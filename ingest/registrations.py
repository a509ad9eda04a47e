"""Registration records (CONTRACT.md, "Registration records") turned into graph batches.

Pure functions, no store and no files: :func:`parse_records` (``ingest/regfiles.py``) reads the rows
of a ``.csv``, ``.json`` or ``.jsonl`` upload with their line numbers; :func:`record_to_batch` validates one record
against the schema of its ``record_type`` and returns the entities, relations and the record's own
Document (evidence ``"file name:line"``). ``ingest/session.py`` drives them against a store.

>>> text = ("record_type,id,name,affiliation,title,city,region,fields\\r\\n"
...         'expert,X1,Gu Shiqiang,"Yangtze Delta Region Institute of Tsinghua University, Zhejiang",'
...         "professor,Jiaxing,Zhejiang province,new materials;photonics\\r\\n")
>>> [(line, rec["fields"]) for line, rec in parse_records("experts.csv", text.encode("utf-8-sig"), "csv")]
[(2, 'new materials;photonics')]
>>> batch = record_to_batch(dict(parse_records("experts.csv", text, "csv"))[2], "experts.csv", 2)
>>> sorted(f"{r.source} {r.type} {r.target}" for r in batch.relations)[:3]
['city:jiaxing LOCATED_IN region:zhejiang', 'organisation:yangtze-delta-region-institute-of-tsinghua-university-zhejiang LOCATED_IN city:jiaxing', 'person:gu-shiqiang FOCUSES_ON topic:new-materials']
>>> batch.documents[0].id, batch.relations[0].evidence[0].extractor
('document:experts.csv:2', 'registration')
>>> record_to_batch({"record_type": "expert", "name": "Gu Shiqiang"}, "experts.csv", 3)
Traceback (most recent call last):
...
graph.errors.BadInput: experts.csv:3: missing required field 'affiliation'
"""
from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable

from graph.errors import BadInput
from graph.ids import clean_name, match_keys, normalise, slug
from graph.model import Batch, Document, Entity, Evidence, Relation, stated_by
from graph.schema import ontology
from ingest.regfiles import FORMATS, _key, decode, parse_records, record_sha256

__all__ = ["FORMATS", "MEMBER_LABELS", "PARTY_LABELS", "SCHEMAS", "decode", "guess_label", "make_entity",
           "parse_records", "record_sha256", "record_to_batch"]

EXTRACTOR = "registration"

# record_type -> (required fields, optional fields)  (CONTRACT.md; `region` wherever a city may be)
SCHEMAS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "expert": (("name", "affiliation"), ("city", "region", "title", "fields", "id")),
    "enterprise": (("name", "city"), ("region", "industry", "needs", "id")),
    "project": (("title",), ("kind", "year", "organiser", "participants", "city", "region", "fields", "id")),
    "membership": (("member", "member_type", "programme"), ("role", "year", "id")),
    "cooperation": (("party_a", "party_a_type", "party_b", "party_b_type"), ("date", "topic", "id")),
}
LIST_FIELDS = {"fields", "needs", "participants"}
MEMBER_LABELS = ("City", "Region", "Organisation", "Person")     # may PARTICIPATE_IN a Project
PARTY_LABELS = ("City", "Region", "Organisation")                # may COOPERATE_WITH
_RESERVED = {"id", "name", "type", "label", "aliases", "mentions", "properties", "record_type"}
_LIST_SPLIT = re.compile(r"\s*[;；]\s*")
_DATE = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$")
_CJK = re.compile(r"^[\u3400-\u9fff]{2,4}$")
_CJK_ORG = ("公司", "大学", "学院", "学校", "研究院", "研究所", "协会", "学会", "中心", "委员会", "政府", "集团",
            "实验室", "医院", "银行", "局", "厅", "部", "委", "会", "院", "所", "站", "基地", "平台")
_SURNAMES = set("wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang "
                "xie song tang han feng deng cao peng zeng xiao tian dong yuan pan yu jiang cai du ye cheng su wei "
                "lu ding ren shen yao cui zhong tan fan jin shi liao jia xia fu fang bai zou meng xiong qin qiu yin "
                "xue yan duan lei hou long tao gu mao hao gong shao wan qian dai mo kong xiang lou qi ge niu chang "
                "lai kang ning zhai an qu ou bao hua ni geng mu yi zhan kou rao shu".split())
_SURNAME_ZH = set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
                  "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武"
                  "戴莫孔向汤娄楼欧阳")


# ---- names: gazetteer, known aliases, label guesses ------------------------------------------------
@functools.lru_cache(maxsize=1)
def _resources() -> tuple[dict, dict, dict]:
    """({(label, key): place}, {(label, key): known}, {head word: kind}) from extract/data, if present."""
    places, known, heads = {}, {}, {}
    try:
        from extract.resources import load_known, load_lexicon, load_places
    except ImportError:  # pragma: no cover - extraction package absent
        return places, known, heads
    for p in load_places():
        for n in (p.name, p.zh, *p.aliases):
            for k in match_keys(p.label, n) if n else ():
                places.setdefault((p.label, k), p)
    for kn in load_known():
        for n in (kn.name, *kn.aliases):
            known.setdefault((kn.label, normalise(n)), kn)
    heads = dict(load_lexicon().get("organisation_heads", {}))
    return places, known, heads


def _place(label: str, name: str):
    places = _resources()[0]
    names = [name] + [name[:-len(s)] for s in ("自治区", "省", "市", "区", "县") if name.endswith(s) and len(name) > len(s) + 1]
    keys = [k for n in names for k in sorted(match_keys(label, n))]
    return next((places[(label, k)] for k in keys if (label, k) in places), None)


def guess_label(name: str, allowed: tuple[str, ...] = MEMBER_LABELS) -> str:
    """The likely label of a bare participant name: a known body, an organisation word, a place, a person.

    >>> [guess_label(n) for n in ("Zhejiang University", "Jilin city", "Zhejiang province", "Gu Shiqiang", "张兵")]
    ['Organisation', 'City', 'Region', 'Person', 'Person']
    """
    _, known, heads = _resources()
    key = normalise(name)
    for label in allowed:
        if (label, key) in known:
            return label
    words = key.replace(",", " ").split()
    org_words = set(heads) | {"university", "institute", "association", "company", "co", "ltd", "group", "academy",
                              "centre", "center", "laboratory", "committee", "government", "bureau", "college"}
    if "Organisation" in allowed and (org_words & set(words) or name.endswith(_CJK_ORG)):
        return "Organisation"
    for label in ("Region", "City") if key.endswith((" province", " region")) else ("City", "Region"):
        if label in allowed and _place(label, name):
            return label
    parts = name.split()
    if "Person" in allowed and ((2 <= len(parts) <= 3 and parts[0].lower() in _SURNAMES
                                 and all(p[:1].isupper() and p.replace("-", "").isalpha() for p in parts))
                                or (_CJK.match(name) and name[0] in _SURNAME_ZH)):
        return "Person"
    return "Organisation" if "Organisation" in allowed else allowed[0]


def make_entity(label: str, name: str, properties: dict | None = None) -> Entity:
    """An entity named as the gazetteer and known aliases name it, so it meets the news' node.

    >>> e = make_entity("City", "嘉兴")
    >>> e.id, e.name, "嘉兴" in e.aliases
    ('city:jiaxing', 'Jiaxing', True)
    >>> sorted(make_entity("Organisation", "Yangtze Delta Region Institute of Tsinghua University, Zhejiang").aliases)
    ['Yangtze Delta Region Institute of Tsinghua University', 'Yangtze Delta Region Institute of Tsinghua University, Zhejiang']
    """
    base = _canonical(label, name)
    if not properties:  # the common case (places, topics, affiliations): a copy of the cached entity
        return Entity(base.id, label, base.name, set(base.aliases), dict(base.properties))
    return Entity.new(label, base.name, aliases=base.aliases, properties={**base.properties, **properties})


@functools.lru_cache(maxsize=65536)
def _canonical(label: str, name: str) -> Entity:
    """make_entity without per-record properties (cached: names repeat across records; never mutated)."""
    props: dict = {}
    name = clean_name(name)
    aliases = {name}
    if label in ("City", "Region"):
        p = _place(label, name)
        if p:
            aliases |= {a for a in (p.name, p.zh, *p.aliases) if a}
            name = p.name
            if p.level in ontology().labels[label].enums.get("level", ()):
                props["level"] = p.level
    else:
        kn = _resources()[1].get((label, normalise(name)))
        if kn:
            aliases |= {kn.name, *kn.aliases}
            name = kn.name
            if label == "Organisation" and kn.kind in ontology().labels[label].enums["kind"]:
                props["kind"] = kn.kind
        if label == "Organisation" and "," in name:
            head, tail = name.rsplit(",", 1)
            if _place("Region", tail) or _place("City", tail):  # "X Institute, Zhejiang" is also "X Institute"
                aliases.add(head)
    return Entity.new(label, name, aliases=aliases, properties=props)


# ---- records -> batches ------------------------------------------------------------------------
class _Builder:
    def __init__(self, source: str, line: int | str, record: dict):
        self.where = f"{source}:{line}"
        self.doc = Document.new(f"{source}:{line}", "registration", title=f"{source}:{line}",
                                sha256=record_sha256(record))
        self.entities: dict[str, Entity] = {}
        self.relations: list[tuple] = []

    def entity(self, label: str, name: str, props: dict | None = None) -> Entity:
        try:
            ent = make_entity(label, name, props)
        except BadInput as exc:
            raise BadInput(exc.message, where=self.where) from None
        if ent.id in self.entities:
            old = self.entities[ent.id]
            old.aliases |= ent.aliases
            old.properties.update(ent.properties)
            return old
        self.entities[ent.id] = ent
        return ent

    def relate(self, src: Entity, rel_type: str, tgt: Entity, props: dict | None = None):
        if src.id == tgt.id:
            raise BadInput(f"{src.name!r} cannot have {rel_type} with itself", where=self.where)
        self.relations.append((src, rel_type, tgt, {k: v for k, v in (props or {}).items() if v not in (None, "", [])}))

    def located(self, ent: Entity, city: str | None, region: str | None):
        """ent LOCATED_IN City (which is LOCATED_IN Region), or ent LOCATED_IN Region without a city."""
        # a "region" the gazetteer knows only as a city (Beijing, Tianjin) stays a City
        label = "City" if region and not _place("Region", region) and _place("City", region) else "Region"
        reg = self.entity(label, region) if region else None
        if city:
            c = self.entity("City", city)
            self.relate(ent, "LOCATED_IN", c)
            if reg and reg.id != c.id:
                self.relate(c, "LOCATED_IN", reg)
        elif reg:
            self.relate(ent, "LOCATED_IN", reg)

    def batch(self, sentence: str) -> Batch:
        ev = Evidence(self.doc.id, sentence[:400], extractor=EXTRACTOR, confidence=1.0)
        rels, seen = [], set()
        for src, typ, tgt, props in self.relations:
            try:
                rel = Relation.new(src, typ, tgt, properties=props, evidence=[ev])
            except BadInput as exc:
                raise BadInput(exc.message, where=self.where) from None
            if rel.key not in seen:
                seen.add(rel.key)
                rels.append(rel)
        self.doc.mentions = set(self.entities)
        stated_by([self.doc], self.entities.values(), rels)  # this record's own properties
        return Batch(list(self.entities.values()), rels, [self.doc])


def _with_extras(own: dict, extras: dict) -> dict:
    """The properties the builder sets (``own``) with a record's extra columns; an extra column named
    like one of them (an enterprise's ``kind``) is kept too, as ``extra_kind``.

    >>> _with_extras({"kind": "enterprise"}, {"kind": "private", "src": "form 7"})
    {'kind': 'enterprise', 'extra_kind': 'private', 'src': 'form 7'}
    """
    out = dict(own)
    for k, v in extras.items():
        while k in out:
            k = f"extra_{k}"
        out[k] = v
    return out


def _text(rec: dict, field: str, where: str) -> str | None:
    v = rec.get(field)
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, bool) or not isinstance(v, (str, int, float)):
        raise BadInput(f"field {field!r} must be text, got {type(v).__name__}", where=where)
    return clean_name(str(v)) or None


def _list(rec: dict, field: str, where: str) -> list[str]:
    v = rec.get(field)
    items = v if isinstance(v, list) else _LIST_SPLIT.split(v) if isinstance(v, str) else [] if v is None else None
    if items is None or not all(isinstance(x, (str, int, float)) and not isinstance(x, bool) for x in items):
        raise BadInput(f"field {field!r} must be a list of text (';'-separated in CSV)", where=where)
    out = [clean_name(str(x)) for x in items]
    return list(dict.fromkeys(x for x in out if x))


def _year(rec: dict, where: str) -> int | None:
    v = _text(rec, "year", where)
    if v is None:
        return None
    if not re.fullmatch(r"\d{4}", v.removesuffix(".0")) or not 1800 <= int(v[:4]) <= 2200:
        raise BadInput(f"year {v!r} is not a year", where=where)
    return int(v[:4])


def _date(rec: dict, where: str) -> str | None:
    v = _text(rec, "date", where)
    m = _DATE.match(v) if v else None
    if v and not m:
        raise BadInput(f"date {v!r} is not a date (YYYY-MM-DD)", where=where)
    if not v:
        return None
    y, mo, d = m.groups()
    if (mo and not 1 <= int(mo) <= 12) or (d and not 1 <= int(d) <= 31):
        raise BadInput(f"date {v!r} is not a valid date", where=where)
    return "-".join([y] + [f"{int(x):02d}" for x in (mo, d) if x])


def _label(rec: dict, field: str, allowed: tuple[str, ...], where: str) -> str:
    v = _text(rec, field, where) or ""
    label = {a.lower(): a for a in allowed} | {"organization": "Organisation"}
    if v.lower() not in label or label[v.lower()] not in allowed:
        raise BadInput(f"unknown {field} {v!r} (use {', '.join(allowed[:-1])} or {allowed[-1]})", where=where)
    return label[v.lower()]


def _named(value: str, allowed: tuple[str, ...], label_of) -> tuple[str, str]:
    """(label, name) of a participant: an explicit ``Label: name`` prefix, the hint, or a guess."""
    head, sep, rest = value.partition(":")
    explicit = {a.lower(): a for a in allowed} | {"organization": "Organisation"}
    if sep and head.strip().lower() in explicit and rest.strip():
        return explicit[head.strip().lower()], rest.strip()
    hint = label_of(value) if label_of else None
    return (hint if hint in allowed else guess_label(value, allowed)), value


def record_to_batch(record: dict, source: str, line: int | str,
                    label_of: Callable[[str], str | None] | None = None) -> Batch:
    """The graph of one registration record; raises BadInput (``source:line: reason``) if it is invalid.

    ``line`` locates the record in its file: its line number, or ``"line.k"`` for the k-th record
    starting on one line (a minified ``.json``); the record's Document is ``source:line``.
    ``label_of(name)`` may say which label a bare project participant has (e.g. from the store);
    otherwise :func:`guess_label` decides.

    >>> b = record_to_batch({"record_type": "cooperation", "party_a": "Hangzhou", "party_a_type": "City",
    ...                      "party_b": "长春", "party_b_type": "city", "date": "2021/8/26"}, "c.csv", 4)
    >>> [(r.source, r.type, r.target, r.properties) for r in b.relations]
    [('city:changchun', 'COOPERATES_WITH', 'city:hangzhou', {'date': '2021-08-26', 'valid_from': '2021-08-26'})]
    >>> b.documents[0].published  # the record's date dates its document and evidence
    '2021-08-26'
    >>> record_to_batch({"record_type": "patent"}, "c.csv", 5)
    Traceback (most recent call last):
    ...
    graph.errors.BadInput: c.csv:5: unknown record_type 'patent' (expected expert, enterprise, project, membership or cooperation)
    """
    where = f"{source}:{line}"
    if not isinstance(record, dict):
        raise BadInput("a record must be an object", where=where)
    rec = {_key(str(k)): v for k, v in record.items()}
    rtype = (_text(rec, "record_type", where) or "").lower()
    if not rtype:
        raise BadInput("missing record_type", where=where)
    if rtype not in SCHEMAS:
        raise BadInput(f"unknown record_type {rtype!r} (expected {', '.join(list(SCHEMAS)[:-1])} or "
                       f"{list(SCHEMAS)[-1]})", where=where)
    required, optional = SCHEMAS[rtype]
    for f in required:
        if (_list(rec, f, where) if f in LIST_FIELDS else _text(rec, f, where)) in (None, []):
            raise BadInput(f"missing required field {f!r}", where=where)
    extras = {}
    for k, v in rec.items():
        if k in required or k in optional or k == "record_type" or not k or v is None or v == "":
            continue
        if isinstance(v, (dict, list)) and not (isinstance(v, list) and all(isinstance(x, (str, int, float)) for x in v)):
            v = json.dumps(v, ensure_ascii=False, sort_keys=True)
        extras[f"extra_{k}" if k in _RESERVED else k] = v.strip() if isinstance(v, str) else v
    ref = _text(rec, "id", where)
    if ref:
        extras = _with_extras({"ref": ref}, extras)
    t = functools.partial(_text, rec, where=where)
    b = _Builder(source, line, rec)
    if rtype == "expert":
        title, fields = t("title"), _list(rec, "fields", where)
        person = b.entity("Person", t("name"), _with_extras({"titles": [title] if title else []}, extras))
        org = b.entity("Organisation", t("affiliation"))
        b.relate(person, "HOLDS_POSITION", org, {"title": title})
        b.located(org, t("city"), t("region"))
        for f in fields:
            b.relate(person, "FOCUSES_ON", b.entity("Topic", f))
        place = ", ".join(x for x in (t("city"), t("region")) if x)
        sentence = (f"Expert {person.name}, {title + ' at ' if title else ''}{org.name}"
                    + (f" ({place})" if place else "") + (f"; fields: {', '.join(fields)}" if fields else "") + ".")
    elif rtype == "enterprise":
        industry, needs = t("industry"), _list(rec, "needs", where)
        org = b.entity("Organisation", t("name"), _with_extras({"kind": "enterprise"}, extras))
        b.located(org, t("city"), t("region"))
        if industry:
            b.relate(org, "FOCUSES_ON", b.entity("Topic", industry))
        for n in needs:
            b.relate(org, "NEEDS", b.entity("Topic", n))
        sentence = (f"Enterprise {org.name}, {t('city')}" + (f", {t('region')}" if t("region") else "")
                    + (f"; industry: {industry}" if industry else "")
                    + (f"; needs: {', '.join(needs)}" if needs else "") + ".")
    elif rtype == "project":
        year, parts, fields = _year(rec, where), _list(rec, "participants", where), _list(rec, "fields", where)
        proj = b.entity("Project", t("title"), _with_extras({"kind": t("kind"), "year": year}, extras))
        if t("organiser"):
            label, name = _named(t("organiser"), ("Organisation", "Person"), None)
            b.relate(b.entity(label, name), "ORGANISES", proj)
        for p in parts:
            label, name = _named(p, MEMBER_LABELS, label_of)
            b.relate(b.entity(label, name), "PARTICIPATES_IN", proj)
        b.located(proj, t("city"), t("region"))
        for f in fields:
            b.relate(proj, "FOCUSES_ON", b.entity("Topic", f))
        sentence = (f"Project {proj.name}" + (f" ({', '.join(str(x) for x in (t('kind'), year) if x)})"
                                              if t("kind") or year else "")
                    + (f", organised by {t('organiser')}" if t("organiser") else "")
                    + (f", in {t('city')}" if t("city") else "")
                    + (f"; participants: {', '.join(parts)}" if parts else "")
                    + (f"; fields: {', '.join(fields)}" if fields else "") + ".")
    elif rtype == "membership":
        label, year = _label(rec, "member_type", MEMBER_LABELS, where), _year(rec, where)
        member, prog = b.entity(label, t("member")), b.entity("Project", t("programme"))
        b.relate(member, "PARTICIPATES_IN", prog, _with_extras({"role": t("role"), "year": year,
                                                                 "valid_from": str(year) if year else None}, extras))
        sentence = (f"{member.name} ({label}) is a member of {prog.name}" + (f" as {t('role')}" if t("role") else "")
                    + (f" since {year}" if year else "") + ".")
    else:  # cooperation
        la, lb = _label(rec, "party_a_type", PARTY_LABELS, where), _label(rec, "party_b_type", PARTY_LABELS, where)
        a, c = b.entity(la, t("party_a")), b.entity(lb, t("party_b"))
        date, topic = _date(rec, where), t("topic")
        b.relate(a, "COOPERATES_WITH", c, _with_extras({"date": date, "topic": topic, "valid_from": date}, extras))
        sentence = (f"Cooperation agreement between {a.name} and {c.name}" + (f" on {topic}" if topic else "")
                    + (f", {date}" if date else "") + ".")
    b.doc.published = _when(rec, rtype, where)
    return b.batch(sentence)


def keyed_people(batch: Batch) -> Batch:
    """The batch with each registered Person (one with a ``ref``) under an incoming id of its own,
    ``person:<name>--<ref>``, so that two Zhang Weis of one merged batch stay two mentions; the
    store decides the node (graph/store/people.py)."""
    new = {e.id: f"{e.id}--{slug(str(e.properties['ref']))}" for e in batch.entities
           if e.label == "Person" and e.properties.get("ref")}
    if not new:
        return batch
    ents = [Entity(new.get(e.id, e.id), e.label, e.name, set(e.aliases), dict(e.properties)) for e in batch.entities]
    rels = [Relation(new.get(r.source, r.source), r.type, new.get(r.target, r.target), r.properties, r.evidence)
            for r in batch.relations]
    docs = [Document(d.id, d.kind, d.title, d.url, d.published, d.sha256, {new.get(m, m) for m in d.mentions})
            for d in batch.documents]
    return Batch(ents, rels, docs)


def _when(rec: dict, rtype: str, where: str) -> str:
    """The record's date (its ``date`` column, else its ``year``), "" if none: the date of the
    document and of its evidence (ONTOLOGY.md "Time"). A bad one is an error only where the
    record type declares the column (elsewhere it is an extra column, kept as given)."""
    try:
        year = _year(rec, where)
        return _date(rec, where) or (str(year) if year else "")
    except BadInput:
        if rtype in ("project", "membership", "cooperation"):
            raise
        return ""
