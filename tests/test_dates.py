"""extract/rules/dates.py on sentences of our own: the validity a sentence states."""
from __future__ import annotations

import pytest

from extract.rules.dates import validity

CASES = [
    ("Jiaxing has been a national innovation pilot city since 2020.", None, {"valid_from": "2020"}),
    ("Since March 2019 the two institutes have shared a laboratory.", None, {"valid_from": "2019-03"}),
    ("The exchange programme ran from 2021 to 2023 in ten cities.", None,
     {"valid_from": "2021", "valid_to": "2023"}),
    ("Between May 2020 and June 2022 the association ran the platform.", None,
     {"valid_from": "2020-05", "valid_to": "2022-06"}),
    ("Guiyang hosted the big-data centre in 2018-2020.", None, {"valid_from": "2018", "valid_to": "2020"}),
    ("The agreement, signed in May 2021, covers photonics.", None, {"valid_from": "2021-05"}),
    ("Hangzhou and Changchun signed the agreement on 26 August 2021.", None, {"valid_from": "2021-08-26"}),
    ("The memorandum was signed on August 26, 2021 in Changchun.", None, {"valid_from": "2021-08-26"}),
    ("The plan was agreed on 2021-8-26 by both sides.", None, {"valid_from": "2021-08-26"}),
    ("The partnership runs until 2025.", None, {"valid_to": "2025"}),
    ("Wuhu joined the programme in 2019 and will stay until 2024.", None,
     {"valid_from": "2019", "valid_to": "2024"}),
    # resolved against the article's date
    ("In May, the two cities signed an agreement.", "2021-07-06", {"valid_from": "2021-05"}),
    ("Last year the two provinces began to cooperate.", "2022-03-01", {"valid_from": "2021"}),
    ("Since last year the hub has trained 300 engineers.", "2023", {"valid_from": "2022"}),
    ("This year Xiangyang became a hub city.", "2022-11-30", {"valid_from": "2022"}),
    # nothing to resolve against, or nothing stated
    ("In May, the two cities signed an agreement.", None, {}),
    ("The two cities may sign an agreement.", "2021-07-06", {}),
    ("Jiaxing is in Zhejiang province.", "2021-07-06", {}),
    ("The institute has 2021 researchers.", None, {}),
]


@pytest.mark.parametrize(("sentence", "ref", "expected"), CASES)
def test_validity_of_a_sentence(sentence, ref, expected):
    assert validity(sentence, ref) == expected


def test_a_range_the_wrong_way_round_is_not_a_range():
    assert validity("The project ran from 2023 to 2021.") == {}
