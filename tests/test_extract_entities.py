"""Issue 13, the entity side: events are Event nodes with the names they go by, people are people, names
are whole (our own sentences, never corpus text)."""
from __future__ import annotations

import pytest

from extract import extract_document


def entities(text):
    out = extract_document(text, "t.txt")
    return {e["name"]: e for e in out["entities"]}, out


def names_of(ent):
    return {ent["name"], *ent.get("mentions", ())}


@pytest.mark.parametrize("text, name", [
    ("The Sino-Dutch Water Technology Training Camp opened in Yantai on Monday.", "Sino-Dutch Water Technology Training Camp"),
    ("Residents joined the Xuzhou Science Popularisation Month in May.", "Xuzhou Science Popularisation Month"),
    ("The Shandong-Gansu Cooperation Talks were held in Lanzhou.", "Shandong-Gansu Cooperation Talks"),
    ("The Wuhu Robotics Contest Finals concluded on Sunday.", "Wuhu Robotics Contest Finals"),
    ("Scientists gathered for the Yellow River Science Day in Zhengzhou.", "Yellow River Science Day"),
    # "on" joins an event's subject to its name, a date does not
    ("Li Jun spoke at the International Symposium on Coastal Ecology in Xiamen.", "International Symposium on Coastal Ecology"),
    ("The Lakeside Materials Forum on November 4th drew 300 experts.", "Lakeside Materials Forum"),
])
def test_event_names_are_events(text, name):
    ents, _ = entities(text)
    assert name in ents, sorted(ents)
    assert ents[name]["type"] == "Event"


def test_edition_word_and_plain_name_are_one_event():
    ents, _ = entities("The Second Qinling Ecology Forum was held in Xi'an. Experts at the Qinling Ecology Forum "
                       "discussed water.")
    events = [e for e in ents.values() if e["type"] == "Event"]
    assert len(events) == 1, events
    assert {"Second Qinling Ecology Forum", "Qinling Ecology Forum"} <= names_of(events[0])
    assert events[0]["name"] == "Qinling Ecology Forum"


def test_year_edition_carries_both_names():
    ents, _ = entities("The 2024 Huaihe Valley Seed Fair opened in Bengbu on Friday.")
    ev = ents["Huaihe Valley Seed Fair"]  # the plain name, as written without an edition elsewhere
    assert ev["type"] == "Event"
    assert "2024 Huaihe Valley Seed Fair" in ev["mentions"]


def test_opening_ceremony_stands_for_its_event():
    ents, out = entities("The opening ceremony of the 3rd Dongting Lake Water Summit was held in Yueyang on June 5, 2022.")
    ev = ents["3rd Dongting Lake Water Summit"]
    assert ev["type"] == "Event"
    assert "Dongting Lake Water Summit" in ev["mentions"]
    assert not any(n.lower().startswith("opening ceremony") for n in ents)
    located = {(r["source_id"], r["type"], r["target"]) for r in out["relations"]}
    assert (ev["id"], "LOCATED_IN", "Yueyang") in located


def test_capitalised_ceremony_is_absorbed_by_its_event():
    ents, out = entities("Zhao Min, mayor of Yueyang, attended the Opening Ceremony of the Dongting Lake Water Summit.")
    assert "Opening Ceremony" not in ents
    ev = ents["Dongting Lake Water Summit"]
    assert ev["type"] == "Event"
    assert any(r["source"] == "Zhao Min" and r["type"] == "PARTICIPATES_IN" and r["target_id"] == ev["id"]
               for r in out["relations"]), out["relations"]


def test_a_theme_in_quotes_is_no_programme():
    ents, _ = entities('The Lakeside Materials Forum, themed "Green Materials for Tomorrow", opened in Yichang.')
    assert "Green Materials for Tomorrow" not in ents
    assert ents["Lakeside Materials Forum"]["type"] == "Event"


def test_a_quoted_programme_is_still_a_project():
    ents, _ = entities('Hefei launched the "Green Seeds" programme in 2021.')
    assert ents["Green Seeds"]["type"] == "Project"


def test_an_acronym_defined_in_the_document_wins_over_the_alias_table():
    # CHTF is in the alias table as "China Hi-Tech Fair"; this document defines it otherwise
    ents, _ = entities("The 5th Qilu International Hi-Tech Fair (CHTF) opened in Jinan. CHTF drew 900 exhibitors.")
    events = [e for e in ents.values() if e["type"] == "Event"]
    assert len(events) == 1, events
    assert "CHTF" in events[0]["mentions"] and "China Hi-Tech Fair" not in ents


@pytest.mark.parametrize("text, person, not_place", [
    ("Liu Huai'an, deputy director of the Anhui Department of Science and Technology, attended.", "Liu Huai'an", "Huai'an"),
    ("Gu Haidong, vice mayor of Yichang, spoke. Gu said the city would invest.", "Gu Haidong", "Haidong"),
    ("Xu Changchun and Zhao Ping visited Hefei.", "Xu Changchun", "Changchun"),
])
def test_pinyin_names_are_people_not_places(text, person, not_place):
    ents, _ = entities(text)
    assert ents[person]["type"] == "Person"
    assert not_place not in ents


def test_a_bare_surname_is_the_person_named_before_or_nobody():
    ents, _ = entities("Gu Haidong, vice mayor of Yichang, spoke. Gu said the city would invest. Zhang said so too.")
    assert "Gu" in ents["Gu Haidong"]["mentions"]
    assert "Zhang" not in ents and "Gu" not in ents


def test_a_body_named_after_a_quoted_programme_is_one_name():
    ents, _ = entities('CAST set up the "Green Seeds" Advisory Committee and the "Green Seeds" Consortium in Hefei. '
                       'The "Green Seeds" programme helps farmers.')
    assert ents['"Green Seeds" Advisory Committee']["type"] == "Organisation"
    assert ents['"Green Seeds" Consortium']["type"] == "Organisation"
    assert ents["Green Seeds"]["type"] == "Project"


@pytest.mark.parametrize("text, name", [
    ("Zhou Li visited the Qiantang Institute of Innovation, Creativity and Design and the Qilu Robotics Center.",
     "Qiantang Institute of Innovation, Creativity and Design"),
    ("Xu Ming visited the Sino-Thai Science, Technology and Culture Center.", "Sino-Thai Science, Technology and Culture Center"),
    ("Zhou Li met officials of the Ministry of Culture, Sports and Tourism.", "Ministry of Culture, Sports and Tourism"),
])
def test_a_list_of_fields_inside_a_name_is_one_name(text, name):
    ents, _ = entities(text)
    assert ents[name]["type"] == "Organisation", sorted(ents)


def test_a_list_of_named_bodies_stays_a_list():
    ents, _ = entities("Peking University, Fudan University and Qilu University of Technology signed the agreement.")
    assert {"Peking University", "Fudan University", "Qilu University of Technology"} <= set(ents)


def test_a_place_shared_by_two_bodies():
    ents, _ = entities("At the invitation of the Bengbu Municipal Party Committee and Municipal Government, a delegation "
                       "visited Bengbu.")
    assert ents["Bengbu Municipal Party Committee"]["type"] == "Organisation"
    gov = ents["Bengbu Municipal Government"]
    assert gov["type"] == "Organisation" and "Municipal Government" in gov["mentions"]


def test_a_place_level_word_and_a_lower_case_body():
    ents, _ = entities("Departments of the Jiande Municipal government and the Lishui municipal party committee attended.")
    assert ents["Jiande Municipal government"]["type"] == "Organisation"
    assert ents["Lishui municipal party committee"]["type"] == "Organisation"


def test_a_place_and_a_national_acronym_is_the_local_committee():
    ents, out = entities("Zhou Min, vice chairman of the Wuxi CPPCC, attended.")
    assert ents["Wuxi CPPCC"]["type"] == "Organisation"
    assert "Chinese People's Political Consultative Conference" not in ents
    assert any(r["source"] == "Zhou Min" and r["target"] == "Wuxi CPPCC" for r in out["relations"])


def test_glued_brackets_and_semicolons_are_spaced_and_offsets_kept():
    from extract.clean import clean_text
    raw = "Qilu News\nThe Shandong Academy of Sciences(SDAS) met experts from Japan;and Korea."
    c = clean_text(raw)
    assert "Sciences (SDAS)" in c.text and "Japan; and Korea" in c.text
    for word in ("SDAS", "and Korea", "Korea"):
        o = c.to_original(c.text.index(word))
        assert raw[o:o + len(word)] == word
    ents, _ = entities(raw)
    assert "SDAS" in ents["Shandong Academy of Sciences"]["mentions"]


def test_a_province_after_a_city_name_is_where_it_is():
    ents, _ = entities("Xu Ming visited the City of Lishui of Zhejiang Province. Qilu Lab and Jiande Municipality of "
                       "Zhejiang Province signed an agreement.")
    assert ents["City of Lishui"]["type"] == "City"
    assert "Jiande Municipality" in ents["Jiande"]["mentions"]
    assert ents["Zhejiang"]["type"] == "Region"
    assert not any(n.endswith("of Zhejiang Province") for n in ents)


def test_a_plural_noun_opening_a_sentence_is_no_name():
    ents, _ = entities("Officials of Yiwu and the People's Government of Zhejiang Province met.")
    assert "People's Government of Zhejiang Province" in ents
    assert not any(n.startswith("Officials") for n in ents)


def test_a_known_university_is_not_inside_another_of_its_name():
    ents, _ = entities("Researchers from Wuhan University of Technology and Zhejiang University Innovation Center attended.")
    assert ents["Wuhan University of Technology"]["type"] == "Organisation"
    assert "Wuhan University" not in ents
    assert "Zhejiang University" in ents  # a center of the university: the university is named too


def test_plural_institutes_head_a_name():
    ents, _ = entities("The Chinese Academy of Sciences and the Shenzhen Institutes of Advanced Technology cooperated.")
    assert {"Chinese Academy of Sciences", "Shenzhen Institutes of Advanced Technology"} <= set(ents)


@pytest.mark.parametrize("text, name", [
    ('Ningbo joined the "Hundred Towns, Thousand Firms" action in 2020.', "Hundred Towns, Thousand Firms"),
    ('The "Qilu Innovation 2035" Major Project was approved.', '"Qilu Innovation 2035" Major Project'),
    ("Under the 15th Five-Year Plan, Hefei will build a laboratory.", "15th Five-Year Plan"),
])
def test_programme_names(text, name):
    ents, _ = entities(text)
    assert ents[name]["type"] == "Project", sorted(ents)


def test_a_known_company_and_its_legal_suffix_are_one_entity():
    ents, _ = entities("Huawei Technologies Co., Ltd. opened a lab in Xi'an.")
    companies = [e for e in ents.values() if e["type"] == "Organisation"]
    assert len(companies) == 1 and companies[0]["name"] == "Huawei", companies


def test_limited_ends_a_company_name():
    ents, _ = entities("Qilu Motor Corporation Limited and Taishan Holding Group invested in Ningbo.")
    assert {"Qilu Motor Corporation Limited", "Taishan Holding Group"} <= set(ents)


def test_html_title_without_the_site_name():
    page = ("<html><head><title>Qilu joins the Green Seeds programme - Qiludaily.com.cn</title></head><body>"
            "<div>Home > News > China</div><h1>Qilu joins the Green Seeds programme</h1>"
            "<p>Updated: 2021-07-06 10:00</p><p>Qilu Lab joined the Green Seeds programme.</p></body></html>")
    out = extract_document(page, "a.html", html=True)
    assert out["title"] == "Qilu joins the Green Seeds programme"
    assert out["published"] == "2021-07-06"


@pytest.mark.parametrize("text, name, place", [
    ("Engineers of Ningde Electric met buyers.", "Ningde Electric", "Ningde"),
    ("Taiyuan Steel signed a deal with Yuxi Motor.", "Taiyuan Steel", "Taiyuan"),
    ("Staff of Jiangyin Lantu Robotics built the arm.", "Jiangyin Lantu Robotics", "Jiangyin"),
    ("Zibo Pharmaceuticals opened a plant.", "Zibo Pharmaceuticals", "Zibo"),
    ("Buyers met staff of Tengchong Glass and Liyang Textile at the fair.", "Tengchong Glass", "Tengchong"),
    ("Liyang Textile hired 200 workers last year.", "Liyang Textile", "Liyang"),
    ("Staff of Huangpu Power and Jiangdu Shipbuilding joined the talks.", "Huangpu Power", "Huangpu"),
])
def test_industry_word_ends_a_company_name(text, name, place):
    ents, _ = entities(text)
    assert ents.get(name, {}).get("type") == "Organisation", sorted(ents)
    assert place not in ents  # the company, not its home town


def test_shipbuilding_company_is_no_person():
    ents, _ = entities("Representatives of Yangzijiang Shipbuilding attended the fair on Monday.")
    assert ents.get("Yangzijiang Shipbuilding", {}).get("type") == "Organisation", sorted(ents)


def test_industry_adjective_inside_a_school_name_stays_whole():
    ents, _ = entities("Lin Qi teaches at the School of Mining and Chemical Engineering of Huaibei University.")
    assert "School of Mining and Chemical Engineering of Huaibei University" in ents, sorted(ents)


@pytest.mark.parametrize("text, district, whole, city", [
    ("Three areas joined, namely Wuhu, Longgang District of Shenzhen and Yiwu.", "Longgang District",
     "Longgang District of Shenzhen", "Shenzhen"),
    ("The Liangjiang New Area of Chongqing opened a lab.", "Liangjiang New Area", "Liangjiang New Area of Chongqing",
     "Chongqing"),
])
def test_district_of_city_is_a_district_in_the_city(text, district, whole, city):
    ents, out = entities(text)
    assert district in ents and ents[district]["type"] == "City", sorted(ents)
    assert whole in ents[district]["mentions"]
    assert ents.get(city, {}).get("type") == "City", sorted(ents)
    assert any(r["type"] == "LOCATED_IN" and r["source_id"] == ents[district]["id"] and r["target_id"] == ents[city]["id"]
               for r in out["relations"]), out["relations"]


def test_city_of_name_is_not_split():
    ents, out = entities("The City of Ballarat signed a memorandum with Weihai.")
    assert "City" not in ents and "Ballarat" not in ents, sorted(ents)


@pytest.mark.parametrize("text", [
    "Zhang Hua, Secretary of the CPC Leading Group of the Jilin Association for Science and Technology, spoke.",
    "Li Ming, head of the Organization Department of the CPC Guilin Municipal Committee, spoke.",
])
def test_party_prefix_of_a_body_is_no_organisation(text):
    ents, out = entities(text)
    assert "Communist Party of China" not in ents and "CPC" not in ents, sorted(ents)
    assert not any(r["target"] in ("CPC", "Communist Party of China") for r in out["relations"]), out["relations"]


def test_subject_of_an_event_after_for_is_no_body():
    ents, _ = entities("CAST held the Symposium for the Exchange of Urban Experience in Nanchang on Friday, with "
                       "officials from twenty cities taking part.")
    assert ents.get("Symposium for the Exchange of Urban Experience", {}).get("type") == "Event", sorted(ents)
    assert "Exchange of Urban Experience" not in ents


@pytest.mark.parametrize("text, name, forbidden", [
    ("The data were collected by the Administration Center for Hainan's Agenda 21 and Fudan University.",
     "Administration Center for Hainan's Agenda 21", "Administration Center for Hainan"),
    ("Scholars of the Institute of Guizhou's Karst Studies met in Zunyi.", "Institute of Guizhou's Karst Studies",
     "Institute of Guizhou"),
])
def test_possessive_and_number_inside_the_part_after_of(text, name, forbidden):
    ents, _ = entities(text)
    assert ents.get(name, {}).get("type") == "Organisation", sorted(ents)
    assert forbidden not in ents


def test_a_count_after_a_name_is_not_part_of_it():
    ents, _ = entities("The Institute of Physics 50 scientists came to Hefei.")
    assert "Institute of Physics" in ents and "Institute of Physics 50" not in ents, sorted(ents)


def test_well_known_bodies_without_a_head_word():
    ents, _ = entities("Engineers from BYD, Nio and Xiaomi met researchers of SUSTech in Shenzhen on Monday.")
    for name in ("BYD", "NIO", "Xiaomi", "Southern University of Science and Technology"):
        assert ents.get(name, {}).get("type") == "Organisation", (name, sorted(ents))
    assert "Nio" in ents["NIO"]["mentions"]


@pytest.mark.parametrize("written", ["Science & Technology China", "S&T China"])
def test_programme_written_with_an_ampersand(written):
    ents, _ = entities(f"The {written} programme has reached 40 cities, officials said on Tuesday in Beijing.")
    assert ents.get("Innovation China", {}).get("type") == "Project", sorted(ents)


def test_plural_possessive_inside_an_event_name():
    ents, _ = entities("The Xuancheng Farmers' Harvest Festival opened on Friday with 300 stalls.")
    assert ents.get("Xuancheng Farmers' Harvest Festival", {}).get("type") == "Event", sorted(ents)
    assert "Xuancheng Farmers" not in ents


def test_district_with_and_without_its_city_is_one_place():
    ents, _ = entities("Hangzhou Yuhang District opened a lab. Officials of Yuhang District said the lab would hire "
                       "50 people.")
    places = [e for e in ents.values() if e["type"] == "City"]
    assert len(places) == 1, places
    assert {"Hangzhou Yuhang District", "Yuhang District"} <= names_of(places[0])


def test_hyphenated_place_prefix_names_another_body():
    ents, _ = entities("Guo Lin, president of Wenzhou-Kean University, visited Kean University in the US.")
    assert "Wenzhou-Kean University" in ents and "Kean University" in ents, sorted(ents)


@pytest.mark.parametrize("text, name, typ", [
    ("The Shaanxi Academician Expert Service Activity took place in Baoji, local media said.",
     "Shaanxi Academician Expert Service Activity", "Event"),
    ("The Yunnan Science Popularization Tour reached 30 villages this year, local media said.",
     "Yunnan Science Popularization Tour", "Event"),
    ("Officials opened the Rizhao International Academician Park on Friday, local media said.",
     "Rizhao International Academician Park", "City"),
])
def test_title_word_inside_a_name_ending_in_a_head(text, name, typ):
    ents, _ = entities(text)
    assert ents.get(name, {}).get("type") == typ, sorted(ents)


def test_title_before_a_person_still_cuts():
    ents, out = entities("CAST Vice President Xu Yanhao attended. Professor Li Na of Jilin University spoke.")
    assert {"Xu Yanhao", "Li Na"} <= set(ents), sorted(ents)


def test_ordinal_numbering_a_hospital_or_institute_is_part_of_its_name():
    ents, _ = entities("Doctors from the First Affiliated Hospital of Gannan University and the Second Institute of "
                       "Marine Ecology attended. First, the Gannan University team spoke.")
    assert "First Affiliated Hospital of Gannan University" in ents, sorted(ents)
    assert "Second Institute of Marine Ecology" in ents
    assert not any(n.startswith("First, ") for n in ents)


@pytest.mark.parametrize("name", ["Anqing Library", "Nanning Hardware Accelerator", "Shouguang Vegetable Cooperative",
                                  "Hefei Science and Technology Museum"])
def test_more_body_heads(name):
    ents, _ = entities(f"Officials of the {name} met visitors on Monday, local media said.")
    assert ents.get(name, {}).get("type") == "Organisation", sorted(ents)


def test_and_inside_the_part_after_of_does_not_split():
    ents, _ = entities("The week is co-organized by MOST and the Italian Ministry of University and Research.")
    assert "Italian Ministry of University and Research" in ents, sorted(ents)
    assert "Italian Ministry of University" not in ents


def test_two_bodies_joined_by_and_still_split():
    ents, _ = entities("The lab was built by Nanchang University and Jiangling Motors.")
    assert {"Nanchang University", "Jiangling Motors"} <= set(ents), sorted(ents)


def test_surname_pair_inside_a_known_region_is_no_person():
    ents, out = entities("The plan covers the Guangdong-Hong Kong-Macao Greater Bay Area, officials said.")
    assert ents.get("Guangdong-Hong Kong-Macao Greater Bay Area", {}).get("type") == "Region", sorted(ents)
    assert not any(e["type"] == "Person" for e in ents.values()), sorted(ents)
    assert not any(r["type"] == "HOLDS_POSITION" for r in out["relations"])


def test_numbered_session_of_a_standing_body_is_the_body():
    ents, _ = entities("Li Hua, a deputy to the 13th National People's Congress, said the National People's Congress "
                       "would review the law.")
    bodies = [e for e in ents.values() if e["type"] == "Organisation"]
    assert len(bodies) == 1 and bodies[0]["name"] == "National People's Congress", bodies


def test_east_and_eastern_are_one_name():
    ents, _ = entities("The Qinhuai Technology Transfer Eastern Center opened. Staff of the Qinhuai Technology Transfer "
                       "East Center said it would serve 100 firms.")
    assert len([e for e in ents.values() if e["type"] == "Organisation"]) == 1, sorted(ents)


def test_first_and_second_hospital_stay_apart():
    ents, _ = entities("The First Affiliated Hospital of Gannan University and the Second Affiliated Hospital of "
                       "Gannan University signed a pact.")
    assert {"First Affiliated Hospital of Gannan University", "Second Affiliated Hospital of Gannan University"} <= set(ents)
