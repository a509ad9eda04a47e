"""Lead's extraction fixes of session 29, on our own sentences (no corpus text)."""
from __future__ import annotations

from support.extraction import titled_rels as rels

PI = "PARTICIPATES_IN"


def test_hub_cities_listed_after_a_station_are_not_the_stations():
    text = ("The Lanzhou Hydrogen Expert Service Station opened on Monday. The station will invite engineers from "
            "other hub cities, including Wuhu and Yichang, to train local staff.")
    got = rels(text)
    assert not {("Wuhu", PI, "Lanzhou Hydrogen Expert Service Station"),
                ("Yichang", PI, "Lanzhou Hydrogen Expert Service Station")} & got, got


def test_hub_cities_listed_after_a_station_in_a_later_sentence_are_not_the_stations():
    # the sentence names no project: the article's last one, the station, is the list's programme
    text = ("The Lanzhou Hydrogen Expert Service Station opened on Monday. The association also plans to invite "
            "experts from other hub cities, including Wuhu and Yichang, to give short courses.")
    got = rels(text)
    assert not any(t == "Lanzhou Hydrogen Expert Service Station" for _, _, t in got), got


def test_pilot_cities_listed_after_a_programme_still_take_part():
    text = ("The Green Valley Programme was launched in 2021. Four cities were on the list of pilot cities, "
            "namely Wuhu, Yichang, Baoji and Zigong.")
    got = rels(text)
    assert {("Wuhu", PI, "Green Valley Programme"), ("Zigong", PI, "Green Valley Programme")} <= got, got


def test_representatives_of_two_bodies_joining_an_alliance_are_no_partners():
    # joining the same alliance states no cooperation between the members (the joint-verb gate of
    # the signers' group, as of the joint subjects)
    got = rels("Representatives of Wuhu Steel Group and Yichang Chemical Group joined the alliance on Monday.")
    assert not {r for r in got if r[1] == "COOPERATES_WITH"}, got
