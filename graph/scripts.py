"""Chinese names in the Latin script: the English form a Chinese name is usually written in.

Pinyin of the characters (pypinyin) for the proper part, the usual translation for the generic
ending (大学 University, 研究院 Research Institute, 科学技术协会 Association for Science and
Technology, 市 city, 省 province …), traditional characters folded to simplified first (opencc).
A person's name is the surname, then the given name in one word: 王小明 is Wang Xiaoming.
These forms are extra match keys (graph/ids.py), so 贵州大学 and Guizhou University are one node.

>>> english_form("Person", "王小明")
'Wang Xiaoming'
>>> english_form("Organisation", "贵州大学")
'Guizhou University'
>>> english_form("City", "贵阳市")
'Guiyang City'
>>> english_form("Organisation", "貴州大學")
'Guizhou University'
>>> english_form("Organisation", "中国科学技术协会")
'China Association for Science and Technology'
>>> english_form("City", "Jiaxing") is None
True
"""
from __future__ import annotations

import functools
import re

_CJK = re.compile(r"[\u3400-\u9fff]")

# the generic endings, longest first, with their usual English form; "of" endings put the
# English form first ("Association for Science and Technology of X" is written "X Association …")
_ENDINGS = (
    ("科学技术协会", "Association for Science and Technology"), ("科协", "Association for Science and Technology"),
    ("有限责任公司", "Co., Ltd"), ("股份有限公司", "Co., Ltd"), ("有限公司", "Co., Ltd"), ("集团", "Group"),
    ("公司", "Company"), ("研究院", "Research Institute"), ("研究所", "Institute"), ("研究中心", "Research Center"),
    ("中心", "Center"), ("实验室", "Laboratory"), ("大学", "University"), ("学院", "College"),
    ("医院", "Hospital"), ("委员会", "Committee"), ("高新区", "High-tech Zone"), ("新区", "New Area"),
    ("开发区", "Development Zone"), ("自治区", "Autonomous Region"), ("市", "City"), ("省", "Province"),
    ("区", "District"), ("县", "County"),
)
_PLACES = (("中国", "China"), ("北京", "Beijing"), ("陕西", "Shaanxi"))  # pinyin that is not the English form
_COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒")


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text or ""))


@functools.lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def _pinyin(chars: str) -> str:
    from pypinyin import lazy_pinyin

    out = chars
    for zh, en in _PLACES:
        out = out.replace(zh, f" {en} ")
    parts = []
    for chunk in out.split():
        parts.append(chunk if not has_cjk(chunk) else "".join(lazy_pinyin(chunk)).capitalize())
    return " ".join(parts)


@functools.lru_cache(maxsize=1 << 14)
def english_form(label: str, name: str) -> str | None:
    """The usual English form of a Chinese ``name`` of ``label``; None when it has no Chinese."""
    if not has_cjk(name):
        return None
    s = _converter().convert(name.strip())
    if label == "Person":
        from pypinyin import lazy_pinyin

        cut = 2 if s[:2] in _COMPOUND_SURNAMES or len(s) == 4 else 1
        family, given = "".join(lazy_pinyin(s[:cut])), "".join(lazy_pinyin(s[cut:]))
        return " ".join(x.capitalize() for x in (family, given) if x)
    tail = []
    changed = True
    while changed and s:
        changed = False
        for zh, en in _ENDINGS:
            if s.endswith(zh) and len(s) > len(zh):
                tail.insert(0, en)
                s = s[: -len(zh)]
                changed = True
                break
    return " ".join([_pinyin(s), *tail]).strip() or None
