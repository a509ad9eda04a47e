"""Who takes part in and who organises a programme or an event, as English news states it (issue 13):
role compounds, group nouns in a passive, co-organisers after "with", organisers and guests named
by a copula. Our own invented sentences."""
from __future__ import annotations

import pytest
from support.extraction import rels

EV = "The Green Valley Forum was held in Lishui on Monday. "
F = "Green Valley Forum"
IC = "Innovation China"

CASES = [
    # a programme naming the role word of a copula's complement: "X is an P hub city"
    ("Lishui is an Innovation China hub city.", {("Lishui", "PARTICIPATES_IN", IC)}, set()),
    # a group noun in the passive agent stands for the bodies named with it, or the people it lists
    ("The Green Valley Forum was attended by leaders of Lishui University and Quzhou University.",
     {("Lishui University", "PARTICIPATES_IN", F), ("Quzhou University", "PARTICIPATES_IN", F)}, set()),
    ("The Green Valley Forum was attended by more than 300 experts from Lishui University and Jinhua Polytechnic.",
     {("Lishui University", "PARTICIPATES_IN", F), ("Jinhua Polytechnic", "PARTICIPATES_IN", F)}, set()),
    (EV + "The meeting was attended by leaders including Zhang Wei and Li Ming.",
     {("Zhang Wei", "PARTICIPATES_IN", F), ("Li Ming", "PARTICIPATES_IN", F)}, set()),
    # co-organisers after "in conjunction with", "together with", "in partnership with"
    (EV + "The forum was organized by the Lishui Association for Science and Technology in conjunction with Lishui University.",
     {("Lishui Association for Science and Technology", "ORGANISES", F), ("Lishui University", "ORGANISES", F)}, set()),
    (EV + "The forum was organized by the Lishui Association for Science and Technology, in partnership with Lishui University.",
     {("Lishui University", "ORGANISES", F)}, set()),
    ("In 2019, the Lishui Association for Science and Technology launched the Green Valley Programme together with Lishui University.",
     {("Lishui Association for Science and Technology", "ORGANISES", "Green Valley Programme"),
      ("Lishui University", "ORGANISES", "Green Valley Programme")}, set()),
    # a guide is no organiser, and neither is its partner
    ("The Green Valley Forum was guided by the Lishui Agricultural Bureau together with Lishui University.",
     set(), {("Lishui University", "ORGANISES", F)}),
    # "with" alone, no co-organising phrase: no organiser
    ("Lishui University launched the Green Valley Programme with funding from Quzhou University.",
     {("Lishui University", "ORGANISES", "Green Valley Programme")}, {("Quzhou University", "ORGANISES", "Green Valley Programme")}),
    # a copula or "served as" with an organiser or guest noun: the article's current event
    (EV + "The forum was hosted by Lishui University; Quzhou University was the co-organizer.",
     {("Lishui University", "ORGANISES", F), ("Quzhou University", "ORGANISES", F)}, set()),
    (EV + "Quzhou University served as the organizer.", {("Quzhou University", "ORGANISES", F)}, set()),
    (EV + "Zhang Wei was a guest speaker.", {("Zhang Wei", "PARTICIPATES_IN", F)}, set()),
    (EV + "Zhang Wei is a professor at Lishui University.", set(), {("Zhang Wei", "PARTICIPATES_IN", F)}),
    # a list after a colon that the parser cut off its lead, on the same line: every member
    ("CAST announced the list of Innovation China hub cities: Lishui, Quzhou and Yinchuan.",
     {("Lishui", "PARTICIPATES_IN", IC), ("Quzhou", "PARTICIPATES_IN", IC), ("Yinchuan", "PARTICIPATES_IN", IC)}, set()),
    # "... P hub cities." then "The four cities are A, B, C and D."
    ("CAST announced the second batch of Innovation China hub cities. The three cities are Lishui, Quzhou and Yinchuan.",
     {("Lishui", "PARTICIPATES_IN", IC), ("Quzhou", "PARTICIPATES_IN", IC), ("Yinchuan", "PARTICIPATES_IN", IC)}, set()),
    ("CAST announced the second batch of Innovation China hub cities. The three cities are close to Shanghai.",
     set(), {("Shanghai", "PARTICIPATES_IN", IC)}),
    # places that build a project take part in it (a place organises nothing)
    ("The Green Valley Talent Base was jointly built by Lishui and Quzhou.",
     {("Lishui", "PARTICIPATES_IN", "Green Valley Talent Base"), ("Quzhou", "PARTICIPATES_IN", "Green Valley Talent Base")}, set()),
    ("Lishui and Quzhou jointly built the Green Valley Talent Base.",
     {("Lishui", "PARTICIPATES_IN", "Green Valley Talent Base"), ("Quzhou", "PARTICIPATES_IN", "Green Valley Talent Base")}, set()),
    # an anaphor of two coordinated events of one head stands for both
    ("Lishui launched the third Lishui Innovation Challenge and the first Quzhou Green Innovation Challenge on Monday. "
     "The Challenge is co-sponsored by the Lishui Science and Technology Bureau and hosted by Lishui University.",
     {("Lishui University", "ORGANISES", "Lishui Innovation Challenge"), ("Lishui University", "ORGANISES", "Quzhou Green Innovation Challenge"),
      ("Lishui Science and Technology Bureau", "ORGANISES", "Quzhou Green Innovation Challenge")}, set()),
    ("The Lishui Science Forum and the Quzhou Green Fair opened on Monday. The forum was hosted by Lishui University.",
     {("Lishui University", "ORGANISES", "Lishui Science Forum")}, {("Lishui University", "ORGANISES", "Quzhou Green Fair")}),
    # a company suffix's full stop ends the sentence: the next one's subject is no organiser
    (EV + "The forum was co-organized by Lishui Glass Co., Ltd. Zhang Wei attended the forum.",
     {("Lishui Glass Co., Ltd", "ORGANISES", F), ("Zhang Wei", "PARTICIPATES_IN", F)}, {("Zhang Wei", "ORGANISES", F)}),
    # "N people attended E, including A and B"
    (EV + "Nearly 300 people attended the forum, including Zhang Wei and Li Ming.",
     {("Zhang Wei", "PARTICIPATES_IN", F), ("Li Ming", "PARTICIPATES_IN", F)}, set()),
    (EV + "Lishui University was one of the participants.", {("Lishui University", "PARTICIPATES_IN", F)}, set()),
    # an event that is only where a verb happens is not its object: no organiser
    (EV + "Zhang Wei released the Lishui innovation report at the forum.", {("Zhang Wei", "PARTICIPATES_IN", F)},
     {("Zhang Wei", "ORGANISES", F)}),
    # "A was named X, and the B recommended by C was named Y": the second clause has its own subject
    ("Lishui Glass Co., Ltd. was identified as the Lishui Green Innovation Base, and the Quzhou Science and Technology Center "
     "recommended by the Zhejiang Association for Science and Technology was identified as the Quzhou Green Innovation Base.",
     {("Lishui Glass Co., Ltd", "PARTICIPATES_IN", "Lishui Green Innovation Base"),
      ("Quzhou Science and Technology Center", "PARTICIPATES_IN", "Quzhou Green Innovation Base")},
     {("Lishui Glass Co., Ltd", "PARTICIPATES_IN", "Quzhou Green Innovation Base")}),
    # an office of a body organises for the body; an agency of its own does not
    ("The General Office of the Lishui Association for Science and Technology launched the Green Valley Programme.",
     {("Lishui Association for Science and Technology", "ORGANISES", "Green Valley Programme")}, set()),
    ("The Green Valley Forum was hosted by the Torch Center of the Lishui Science and Technology Bureau.",
     set(), {("Lishui Science and Technology Bureau", "ORGANISES", F)}),
    # a company that brings its products to the current event shows there
    ("The 2021 Lishui Science Fair opened on Monday. Lishui Motor Company brought its new electric bus to the fair.",
     {("Lishui Motor Company", "PARTICIPATES_IN", "Lishui Science Fair")}, set()),
    ("The 2021 Lishui Science Fair opened on Monday. Lishui Motor Company brought its new bus to Quzhou.",
     set(), {("Lishui Motor Company", "PARTICIPATES_IN", "Lishui Science Fair")}),
    # a place's work on its role of a programme: "the construction of the P hub city"
    ("Lishui has been actively promoting the construction of the Innovation China hub city.", {("Lishui", "PARTICIPATES_IN", IC)}, set()),
    ("Lishui's Innovation China pilot city construction has achieved remarkable results.", {("Lishui", "PARTICIPATES_IN", IC)}, set()),
    ("Lishui has carried out the Innovation China pilot city work since 2021.", {("Lishui", "PARTICIPATES_IN", IC)}, set()),
    ("Lishui learned from the work of the Innovation China hub cities.", set(), {("Lishui", "PARTICIPATES_IN", IC)}),
    ("Officials from Lishui studied the construction of Innovation China pilot cities in Quzhou.", set(),
     {("Lishui", "PARTICIPATES_IN", IC), ("Quzhou", "PARTICIPATES_IN", IC)}),
    # "P pilot cities such as A and B"
    ("The Innovation China pilot cities such as Lishui and Quzhou have attracted 200 experts.",
     {("Lishui", "PARTICIPATES_IN", IC), ("Quzhou", "PARTICIPATES_IN", IC)}, set()),
    # an appositive with a number: "A, B and C, the three P pilot cities"
    ("Lishui, Quzhou and Jinhua, the three Innovation China pilot cities in Zhejiang, have attracted 200 experts.",
     {("Lishui", "PARTICIPATES_IN", IC), ("Quzhou", "PARTICIPATES_IN", IC), ("Jinhua", "PARTICIPATES_IN", IC)}, set()),
    ("Hangzhou hosted the 2023 Lishui Digital Economy Conference.", set(), {("Hangzhou", "PARTICIPATES_IN", "Lishui Digital Economy Conference")}),
]


@pytest.mark.parametrize("text,expected,forbidden", CASES)
def test_participation(text, expected, forbidden):
    got = rels(text)
    assert expected <= got, got
    assert not (forbidden & got), got
