"""Entity recognition fixes of session 29 (entp), on our own invented sentences: quoted programme names
that hold lower-case function words, and their negative cases."""
from __future__ import annotations

import pytest

from extract import extract_document


def ents(text):
    out = extract_document("A news item\n\n" + text, "t.txt")  # a first line alone is the title
    return {(e["name"], e["type"]) for e in out["entities"]}


# 1. a quoted programme name with "to", "in", "goes": whole, when a programme word follows or a naming word precedes
@pytest.mark.parametrize("text,name", [
    ('The Shaanxi Provincial Association for Science and Technology launched the "Sci-tech Talents to the '
     'Countryside" campaign in Yan\'an.', "Sci-tech Talents to the Countryside"),
    ('The "Made in Jiangmen" platform connects 500 firms.', "Made in Jiangmen"),
    ('Ganzhou launched a programme called "Science Goes to the Mountains".', "Science Goes to the Mountains"),
    ('Last year Hengyang started a scheme dubbed "Experts into Every Village".', "Experts into Every Village"),
    ('Putian joined the "Doctors on the Move" initiative in 2022.', "Doctors on the Move"),
])
def test_quoted_programme_with_function_words(text, name):
    got = ents(text)
    assert (name, "Project") in got
    assert not any(n != name and n in name and t == "Organisation" for n, t in got)  # no cut piece of it


def test_quoted_names_without_function_words_unchanged():
    assert ("Talents for the Northeast", "Project") in ents('The "Talents for the Northeast" project was launched in Changchun.')


# negative cases: a quotation, a theme, an event word after the quotes
def test_speech_quote_is_no_programme():
    got = ents('"Jobs come to the City," said Huang Wei, the mayor of Shaoxing.')
    assert not any(t == "Project" for _, t in got)
    assert ("Huang Wei", "Person") in got


def test_theme_in_quotes_is_no_programme():
    got = ents('The Liuzhou forum was themed "Science in the Service of People".')
    assert not any(n.startswith("Science in") for n, _ in got)


def test_function_words_need_a_programme_word_not_an_event_word():
    got = ents('Delegates joined the "Walk in the Park" forum in Sanya on Friday.')
    assert ("Walk in the Park", "Project") not in got


def test_naming_word_after_a_body_word_is_no_programme():
    got = ents('Huang Wei founded a company named "Tea from the Hills" in Nanping in 2015.')
    assert ("Tea from the Hills", "Project") not in got


def test_known_as_after_a_programme_word():
    got = ents('The initiative, known as "Scientists to the Front Line", started in Zhaotong.')
    assert ("Scientists to the Front Line", "Project") in got


# 2. a gerund inside a name the model calls an organisation, with no body's head word: a document's title
def test_gerund_title_is_no_organisation():
    got = ents("Quzhou and the City of Geelong signed a Memorandum of Understanding on Establishing a "
               "Sister City Relationship.")
    assert not any(n.startswith("Establishing") for n, _ in got)
    assert ("Quzhou", "City") in got


def test_gerund_with_a_body_head_stays_an_organisation():
    got = ents("Zhou Li works at the Beijing Training Center.")
    assert ("Beijing Training Center", "Organisation") in got
    assert ("Zhou Li", "Person") in got


# 3. a given name that is also a place, then a surname, after an honorific or a title: a person
@pytest.mark.parametrize("text,person,place", [
    ("Dr. Jinhua Zhang of Stanford University joined online.", "Jinhua Zhang", "Jinhua"),
    ("Professor Yulin Chen from the University of Sydney gave a talk.", "Yulin Chen", "Yulin"),
    ("Vice Mayor Jinhua Li welcomed the guests.", "Jinhua Li", "Jinhua"),
])
def test_given_name_first_after_honorific(text, person, place):
    got = ents(text)
    assert (person, "Person") in got
    assert (place, "City") not in got


def test_place_after_preposition_stays_a_place():
    got = ents("The visitors went to Jinhua on Monday, and Dr. Zhang met them.")
    assert ("Jinhua", "City") in got


# 4. a series of three or more fields after "of" is one body's name
@pytest.mark.parametrize("text,name", [
    ("The Lishui Municipal Bureau of Culture, Radio, Television and Tourism joined the alliance.",
     "Lishui Municipal Bureau of Culture, Radio, Television and Tourism"),
    ("The Bureau of Agriculture, Forestry and Water Resources of Lishui joined.",
     "Bureau of Agriculture, Forestry and Water Resources of Lishui"),
    ("Korea's Ministry of Culture, Sports and Tourism signed with Qingdao.", "Ministry of Culture, Sports and Tourism"),
])
def test_field_series_is_one_name(text, name):
    got = ents(text)
    assert (name, "Organisation") in got
    assert not any(n in ("Radio", "Forestry and Water Resources of Lishui", "Television and Tourism") for n, _ in got)


def test_list_of_bodies_is_no_field_series():
    got = ents("Peking University, Fudan University and Nankai University signed the pact in Tianjin.")
    assert {("Peking University", "Organisation"), ("Fudan University", "Organisation"),
            ("Nankai University", "Organisation")} <= got


def test_list_of_places_after_of_is_no_field_series():
    got = ents("The Department of Commerce of Hubei spoke of Wuhan, Xiangyang and Yichang.")
    assert {("Wuhan", "City"), ("Xiangyang", "City"), ("Yichang", "City")} <= got


def test_first_field_of_a_series_is_no_body_of_its_own():
    got = ents("The team met officials of the Ministry of Education, Culture, Sports, Science and Technology in Dalian.")
    assert ("Ministry of Education, Culture, Sports, Science and Technology", "Organisation") in got
    assert ("Ministry of Education", "Organisation") not in got


# 5. a place's possessive before a body's name says where it is
def test_place_possessive_is_not_part_of_the_name():
    got = ents("Officials of Guangdong's Department of Science and Technology visited ten laboratories in Zhaoqing.")
    assert ("Guangdong", "Region") in got
    assert not any(n.startswith("Guangdong's") for n, _ in got)


def test_possessive_of_a_group_stays_in_the_name():
    got = ents("The Women's Federation of Hefei joined the campaign.")
    assert ("Women's Federation of Hefei", "Organisation") in got


# 6. a collective noun of people opening a sentence before "of" is no part of the name
def test_staff_of_is_no_part_of_the_name():
    got = ents("Staff of Anhui Conch Cement and Hubei Xingfa Chemicals attended the training in Wuhu.")
    assert ("Anhui Conch Cement", "Organisation") in got
    assert not any(n.startswith("Staff") for n, _ in got)


def test_team_inside_a_name_stays():
    got = ents("The Hefei Innovation Team of Quantum Physics won the award.")
    assert not any(n.startswith("Innovation Team") or n == "Quantum Physics" for n, _ in got)


# 7. a model's place ending in a trade, a body's head or a title is no place
def test_company_ending_in_a_trade_is_no_place():
    got = ents("Mr. Haidong Gu of Qinghai Salt Lake Industry spoke at the meeting in Golmud.")
    assert ("Haidong Gu", "Person") in got
    assert not any(t in ("City", "Region") and n.endswith("Industry") for n, t in got)
    assert ("Qinghai", "Region") in got
