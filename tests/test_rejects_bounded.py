"""Rejects files bounded and rotated per run (ISSUE 19, deliverable 8; the hostile case: a 3 MB file
of bad rows wrote a 226 MB rejects file that was never rotated), on both stores."""
from __future__ import annotations

import json

from ingest import ingest_paths
from ingest.session import MAX_REJECTS_KEPT, REJECTS_ROTATED


def test_rejects_are_bounded_and_rotated(store, tmp_path):
    bad = tmp_path / "bad.csv"
    padding = "x" * 200
    bad.write_text("record_type,name,city,notes\n" + "".join(f"enterprise,,Jiaxing,{padding}\n" for _ in range(20_000))
                   + "enterprise,Good Co.,Jiaxing,\n", encoding="utf-8")
    rejects = tmp_path / "r.rejects.jsonl"
    sizes = []
    for run in range(REJECTS_ROTATED + 2):
        s = ingest_paths(store, [str(bad)], root=tmp_path, rejects_path=rejects)
        assert s["rejected"] == 20_000 and s["ingested" if run == 0 else "unchanged"] == 1
        lines = [json.loads(x) for x in rejects.read_text(encoding="utf-8").splitlines()]
        full = [x for x in lines if "more" not in x]
        assert len(full) == MAX_REJECTS_KEPT and full[0]["record"]["notes"] == padding and full[0]["line"] == 2
        assert sum(x["more"] for x in lines if "more" in x) == 20_000 - MAX_REJECTS_KEPT
        assert [x["reason"] for x in lines if "more" in x] == ["missing required field 'name'"]
        sizes.append(rejects.stat().st_size)
    assert max(sizes) < 2 * bad.stat().st_size / 20 + 100_000  # bounded: not 20,000 rows in full
    kept = sorted(p.name for p in tmp_path.glob("r.rejects.jsonl*"))
    assert kept == ["r.rejects.jsonl"] + [f"r.rejects.jsonl.{i}" for i in range(1, REJECTS_ROTATED + 1)]
