"""Generated registration files: many records over a small world, so that entities repeat across
records (and across files), aliases and Chinese names meet their English node, bare participant
names need a label guess, and a few records are invalid (rejected).

Deterministic for a seed. ``python tests/support/regfile.py OUT_DIR N`` writes the files too.

>>> recs = records(50, seed=1)
>>> len(recs), sorted({r["record_type"] for r in recs})[:3]
(50, ['cooperation', 'enterprise', 'expert'])
>>> records(20, seed=3) == records(20, seed=3)
True
"""
from __future__ import annotations

import csv
import io
import json
import random
import sys
from pathlib import Path

CITIES = [("Jiaxing", "Zhejiang province"), ("嘉兴", "Zhejiang province"), ("Hangzhou", "Zhejiang province"),
          ("Huzhou", "Zhejiang province"), ("Shaoxing", "Zhejiang province"), ("Changchun", "Jilin province"),
          ("Jilin city", "Jilin province"), ("Hefei", "Anhui province"), ("Guiyang", "Guizhou province"),
          ("Chengdu", "Sichuan province"), ("Wuhan", "Hubei province"), ("Xianning", "Hubei province"),
          ("Jinan", "Shandong province"), ("Suzhou", "Jiangsu province"), ("Nanjing", "Jiangsu province")]
REGIONS = sorted({r for _, r in CITIES}) + ["Zhejiang", "Jilin", "Yangtze River Delta"]
TOPICS = ["new materials", "photonics", "textiles", "big data", "artificial intelligence", "integrated circuits",
          "new energy", "hydrogen energy", "biomedicine", "smart agriculture", "equipment manufacturing",
          "digital economy", "robotics", "5G", "blockchain", "quantum information", "aerospace", "marine science"]
SURNAMES = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu",
            "Hu", "Guo", "He", "Gao", "Lin", "Luo"]
GIVEN = ["Wei", "Fang", "Min", "Jing", "Lei", "Yang", "Jun", "Tao", "Hui", "Qiang", "Ling", "Yun", "Bo", "Ning",
         "Xin", "Hao", "Yu", "Ping", "Jie", "Kai", "Shiqiang", "Zhiyuan", "Qinglan", "Yiming"]
WORDS = ["Hengtai", "Ruiguang", "Tongxin", "Hexiang", "Lvyuan", "Xinhua", "Tianyi", "Jinshi", "Haoyu", "Zhongke",
         "Boyuan", "Kangli", "Minsheng", "Sanhe", "Wanxiang", "Yongsheng", "Huaxin", "Dongfang", "Jiahe", "Qiming"]
TRADES = ["New Materials", "Photoelectric Technology", "Textile", "Agricultural Technology", "Robotics",
          "Semiconductor", "Biotech", "Energy Technology"]
UNIVERSITIES = ["Zhejiang University", "Jilin University", "Hefei University of Technology", "Wuhan University",
                "Sichuan University", "Nanjing University", "Shandong University", "Guizhou University"]
ACRONYMS = {"Zhejiang University": "ZJU", "Jilin University": "JLU"}
PROGRAMMES = ["Innovation China", "科创中国", "Digital Jiaxing Initiative", "Yangtze Delta Photonics Platform",
              "Hydrogen Valley Pilot", "Smart Textile Cluster"]
TYPES = ["expert"] * 30 + ["enterprise"] * 25 + ["project"] * 15 + ["membership"] * 15 + ["cooperation"] * 15


def _world(rng: random.Random, people: int, firms: int):
    persons = sorted({f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}" for _ in range(people)})
    enterprises = sorted({f"{city if rng.random() < .7 else rng.choice(WORDS)} {rng.choice(WORDS)} "
                          f"{rng.choice(TRADES)} Co., Ltd." for city, _ in (rng.choice(CITIES[:6] + CITIES[7:])
                                                                             for _ in range(firms))})
    return persons, enterprises


def records(n: int, seed: int = 0, invalid: float = 0.01) -> list[dict]:
    """``n`` registration records (about ``invalid`` of them invalid), deterministic for ``seed``."""
    rng = random.Random(seed)
    persons, enterprises = _world(rng, max(10, n // 4), max(10, n // 5))
    out = []
    for i in range(n):
        kind = rng.choice(TYPES)
        city, region = rng.choice(CITIES)
        if kind == "expert":
            aff = rng.choice(UNIVERSITIES + enterprises[:20])
            if aff in ACRONYMS and rng.random() < 0.2:
                aff = ACRONYMS[aff]
            rec = {"record_type": "expert", "id": f"X{i}", "name": rng.choice(persons), "affiliation": aff,
                   "title": rng.choice(["professor", "associate professor", "engineer", "researcher", ""]),
                   "city": city, "region": region if rng.random() < 0.8 else "",
                   "fields": ";".join(rng.sample(TOPICS, rng.randint(0, 3)))}
        elif kind == "enterprise":
            rec = {"record_type": "enterprise", "id": f"E{i}", "name": rng.choice(enterprises), "city": city,
                   "region": region if rng.random() < 0.8 else "", "industry": rng.choice(TOPICS),
                   "needs": ";".join(rng.sample(TOPICS, rng.randint(1, 3)))}
        elif kind == "project":
            parts = rng.sample(enterprises[:30] + UNIVERSITIES + persons[:20] + [c for c, _ in CITIES]
                               + ["Jilin", "Organisation: Jilin Association for Science and Technology"],
                               rng.randint(0, 4))
            rec = {"record_type": "project", "id": f"P{i}", "title": rng.choice(PROGRAMMES[2:]) + f" {i % 40}",
                   "kind": rng.choice(["platform", "programme", "research project", ""]),
                   "year": str(rng.randint(2015, 2024)),
                   "organiser": rng.choice(UNIVERSITIES + ["China Association for Science and Technology", ""]),
                   "participants": ";".join(parts), "city": city, "fields": ";".join(rng.sample(TOPICS, 2))}
        elif kind == "membership":
            label = rng.choice(["City", "Region", "Organisation"])
            member = {"City": city, "Region": rng.choice(REGIONS), "Organisation": rng.choice(UNIVERSITIES)}[label]
            if rng.random() < 0.1:
                member, label = "Jilin", rng.choice(["City", "Region"])
            rec = {"record_type": "membership", "member": member, "member_type": label,
                   "programme": rng.choice(PROGRAMMES), "role": rng.choice(["innovation hub city", "pilot", "member"]),
                   "year": str(rng.randint(2019, 2024))}
        else:
            a, b = rng.sample(CITIES, 2)
            la, lb = rng.choice(["City", "Organisation"]), rng.choice(["City", "Region"])
            rec = {"record_type": "cooperation", "id": f"C{i}",
                   "party_a": a[0] if la == "City" else rng.choice(UNIVERSITIES + enterprises[:10]),
                   "party_a_type": la, "party_b": b[0] if lb == "City" else b[1], "party_b_type": lb,
                   "date": f"{rng.randint(2015, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                   "topic": rng.choice(TOPICS)}
            if rec["party_a"] == rec["party_b"] or (la == lb == "City" and a[0] == b[0]):
                rec["party_b"] = "Hangzhou" if rec["party_a"] != "Hangzhou" else "Changchun"
        if rng.random() < invalid:
            rec = dict(rec, record_type=rng.choice(["patent", ""])) if rng.random() < .5 else {
                k: v for k, v in rec.items() if k not in ("name", "title", "member", "party_a")}
        out.append(rec)
    return out


FIELDS = ["record_type", "id", "name", "affiliation", "title", "city", "region", "fields", "industry", "needs",
          "kind", "year", "organiser", "participants", "member", "member_type", "programme", "role", "party_a",
          "party_a_type", "party_b", "party_b_type", "date", "topic"]


def to_csv(recs: list[dict]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, FIELDS, lineterminator="\n")
    w.writeheader()
    for r in recs:
        w.writerow({k: r.get(k, "") for k in FIELDS})
    return buf.getvalue()


def to_jsonl(recs: list[dict]) -> str:
    return "".join(json.dumps({k: v for k, v in r.items() if v != ""}, ensure_ascii=False) + "\n" for r in recs)


def to_json(recs: list[dict]) -> str:
    def listed(r):
        return {k: (v.split(";") if k in ("fields", "needs", "participants") and v else v)
                for k, v in r.items() if v != ""}
    return json.dumps([listed(r) for r in recs], ensure_ascii=False, indent=1)


def write_corpus(folder, n: int, seed: int = 0) -> list[Path]:
    """Write ``n`` records split over a .csv, a .jsonl and a .json file (60/25/15) in ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    recs = records(n, seed)
    a, b = int(n * .6), int(n * .85)
    files = [(folder / "registrations.csv", to_csv(recs[:a])), (folder / "more.jsonl", to_jsonl(recs[a:b])),
             (folder / "projects.json", to_json(recs[b:]))]
    for path, text in files:
        path.write_text(text, encoding="utf-8")
    return [p for p, _ in files]


if __name__ == "__main__":  # pragma: no cover
    for p in write_corpus(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 0):
        print(p)
