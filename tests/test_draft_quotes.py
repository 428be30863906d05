"""Quote attribution: each pattern the drafter promises, one small article each."""

from __future__ import annotations

import pytest

from briefgen.draft.article import read_article
from briefgen.draft.people import find_cast
from briefgen.draft.quotes import find_quotes


def attributed(body: str) -> list[tuple[str, str, str | None]]:
    """(quote, speaker key, context) for an article made of a headline and ``body``."""
    article = read_article("Headline of the story\n\n" + body)
    paragraphs = [p.text for p in article.paragraphs]
    flags = [p.kind == "body" for p in article.paragraphs]
    cast = find_cast(paragraphs, flags)
    report = find_quotes(paragraphs, flags, cast)
    return [(q.text, q.speaker, q.context) for q in report.quotes]


INTRO = (
    "Estonian Foreign Minister Marten Kask met his Latvian counterpart Ilze Berzina on Monday.\n\n"
)


def test_x_said_after_the_quote() -> None:
    got = attributed(INTRO + '"We will not be intimidated," Kask said.')
    assert got == [("We will not be intimidated", "kask", None)]


def test_said_x_inverted() -> None:
    got = attributed(INTRO + '"We will not be intimidated," said Berzina.')
    assert got == [("We will not be intimidated", "berzina", None)]


def test_quote_after_its_attribution() -> None:
    got = attributed(INTRO + 'Kask said: "Our patience has limits."')
    assert got == [("Our patience has limits.", "kask", None)]


def test_partial_quote_inside_reported_speech() -> None:
    got = attributed(INTRO + 'Berzina said the talks had been "frank and useful".')
    assert got == [("frank and useful", "berzina", None)]


def test_according_to_x() -> None:
    got = attributed(INTRO + 'The plan is "only a first step", according to Kask.')
    assert got == [("only a first step", "kask", None)]


def test_x_told_reporters() -> None:
    got = attributed(INTRO + '"Nothing is decided yet," Berzina told reporters in Riga.')
    assert got == [("Nothing is decided yet", "berzina", "told reporters")]


def test_quoted_as_saying_by_an_agency() -> None:
    got = attributed(
        INTRO + 'Kask was quoted as saying by the state news agency ERR that "the door is open".'
    )
    assert got == [("the door is open", "kask", "quoted by ERR")]


def test_said_in_a_statement() -> None:
    got = attributed(INTRO + 'Berzina said in a statement that Riga "will not back down".')
    assert got == [("will not back down", "berzina", "in a statement")]


def test_wrote_on_social_media() -> None:
    got = attributed(INTRO + 'Kask wrote on social media that it was "a good day for Europe".')
    assert got == [("a good day for Europe", "kask", "on social media")]


def test_in_a_tweet() -> None:
    got = attributed(INTRO + 'Kask stressed "unity above all", he said in a tweet.')
    assert got == [("unity above all", "kask", "in a tweet")]


def test_pronoun_refers_to_the_last_named_person() -> None:
    got = attributed(
        INTRO + 'Berzina arrived late.\n\n"We have waited long enough," she said. "Now we act."'
    )
    assert got == [
        ("We have waited long enough", "berzina", None),
        ("Now we act.", "berzina", None),
    ]


def test_ministry_as_the_speaker() -> None:
    got = attributed(
        INTRO + "Russia's foreign ministry said in a statement that the talks were "
        '"a provocation".'
    )
    assert got == [("a provocation", "russian foreign ministry", "in a statement")]


def test_quote_of_several_sentences() -> None:
    got = attributed(
        INTRO + "“The sea is our lifeline. We will defend it. Nobody should doubt that,” Kask said."
    )
    assert got == [
        ("The sea is our lifeline. We will defend it. Nobody should doubt that", "kask", None)
    ]


def test_quote_running_over_paragraphs() -> None:
    got = attributed(
        INTRO + '"The region has changed," Kask said. "Nobody talked about it.\n\n'
        '"Now it is the first item on every agenda."'
    )
    assert [speaker for _, speaker, _ in got] == ["kask", "kask", "kask"]
    assert got[-1][0] == "Now it is the first item on every agenda."


def test_scare_quotes_are_left_out() -> None:
    got = attributed(INTRO + 'Both sides are working on a "road map" against "terrorism".')
    assert got == []


def test_coordinated_verb_keeps_the_clause_subject() -> None:
    got = attributed(
        INTRO + "He recalled that the first president, Janis Ozols, founded the league, "
        'and said Kask wanted "to argue without breaking apart".'
    )
    assert got and got[0][1] != "ozols"


@pytest.mark.parametrize("mark", ["“", '"'])
def test_curly_and_straight_quotes(mark: str) -> None:
    close = "”" if mark == "“" else '"'
    got = attributed(INTRO + f"{mark}Enough,{close} said Kask.")
    assert got == [("Enough", "kask", None)]


def test_british_single_quotes() -> None:
    got = attributed(INTRO + "'We have not given up,' said Kask. 'We will be back.'")
    assert got == [("We have not given up", "kask", None), ("We will be back.", "kask", None)]


def test_acronym_body_speaks_and_it_said_refers_to_it() -> None:
    got = attributed(
        INTRO + "The U.N. observer mission in Georgia, UNOMIG, said in a statement that it was "
        "ready to help. “The mission stands ready to support both sides,” it said."
    )
    assert got == [("The mission stands ready to support both sides", "unomig", None)]


def test_sentence_initial_according_to_with_an_appositive() -> None:
    got = attributed(
        INTRO + "According to Ruta Vaitkus, the executive secretary of the regional body "
        "CBSS, the deal was “a turning point for the Baltic”."
    )
    assert got == [("a turning point for the Baltic", "vaitkus", None)]


def test_speaker_before_a_long_relative_clause() -> None:
    got = attributed(
        INTRO + "Kask, whose government will host a meeting of the region’s defence ministers "
        "in Tallinn next month to settle the budget of the joint naval patrols, said small "
        "states could no longer rely on “goodwill alone”."
    )
    assert got == [("goodwill alone", "kask", None)]


def test_it_called_refers_to_the_body_and_according_to_governs_the_sentence() -> None:
    got = attributed(
        INTRO + "The Joint Chiefs of Staff said the missiles flew 350 km. It called the launch "
        "“a clear provocation”.\n\nAccording to Ana Puri, a research fellow at the Baltic "
        "Institute, the timing suggested Moscow wanted to show it “sets the agenda”."
    )
    assert got == [
        ("a clear provocation", "joint chiefs of staff", None),
        ("sets the agenda", "puri", None),
    ]


def test_said_the_countrys_minister_then_the_name() -> None:
    got = attributed(
        INTRO + "“Our troops are on full alert,” said the country’s defence minister, Toomas "
        "Rebane, during a visit."
    )
    assert got == [("Our troops are on full alert", "rebane", None)]


def test_person_after_a_body_and_title_and_across_an_appositive() -> None:
    got = attributed(
        INTRO + "Russia was “ready to help”, according to Kremlin spokesman Dmitry Peskov.\n\n"
        "“The other side mixes politics with fish,” Ilya Shestakov, head of Russia’s Federal "
        "Agency for Fishery, was quoted as saying by the Interfax news agency."
    )
    assert [(q, who) for q, who, _ in got] == [
        ("ready to help", "peskov"),
        ("The other side mixes politics with fish", "shestakov"),
    ]


def test_a_shorter_name_of_a_body_is_that_body_and_repeat_is_a_cue() -> None:
    got = attributed(
        INTRO + "The soldiers were shot, the Guyana Defence Force said in a statement.\n\n"
        "“This was a deliberate ambush,” the Defence Force said.\n\n"
        "Kask used his weekly program to repeat that Estonia would “never yield” its land."
    )
    assert [(q, who) for q, who, _ in got] == [
        ("This was a deliberate ambush", "guyanese defence force"),
        ("never yield", "kask"),
    ]


def test_pronoun_stands_for_the_previous_sentences_subject() -> None:
    got = attributed(
        INTRO + "Kask is due to meet Berzina and the Lithuanian minister Rokas Vaitkus during "
        "his visit. He said he did not expect a deal but hoped for “a clear path”."
    )
    assert got == [("a clear path", "kask", None)]


def test_title_of_a_body_then_and_said_and_what_it_called() -> None:
    got = attributed(
        INTRO + "EU foreign policy chief Kaja Kallas, speaking in Brussels on Monday, called the "
        "pressure “a deliberate hybrid attack” and said the bloc stood with Estonia.\n\n"
        "The army launched what it called “clearance operations” in 2017.\n\n"
        "“The decision was taken in the interest of both countries,” Latvia’s foreign office "
        "said in a statement."
    )
    assert got == [
        ("a deliberate hybrid attack", "kallas", None),
        ("The decision was taken in the interest of both countries", "latvian foreign ministry",
         "in a statement"),
    ]  # fmt: skip


def test_one_name_transliterated_two_ways() -> None:
    got = attributed(
        INTRO + "Arakan Army spokesman Khaing Thukha said the group was ready.\n\n"
        "“All residents will live in dignity,” Khine Thu Kha said."
    )
    assert got == [("All residents will live in dignity", "thukha", None)]


def test_bodies_named_by_acronym_camel_case_or_part_and_the_group_said() -> None:
    got = attributed(
        INTRO + "Kask ruled out talks with the National Liberation Army (ELN).\n\n"
        "In a statement, the ELN blamed the government. “The government broke the dialogue,” "
        "the group said.\n\n"
        "ACLED, the Armed Conflict Location and Event Data project (ACLED), said attacks had "
        "“increased markedly”.\n\n"
        "In a statement, TotalEnergies said it was “working closely with the authorities”.\n\n"
        "More than 1,600 people were killed, according to the U.N. human rights office, which "
        "described the violence as “alarming and unsustainable.”\n\n"
        "Spokesman Zaw Min Tun said the army was “ready to receive returnees” but blamed the "
        "Arakan Army for insecurity."
    )
    assert [(q, who) for q, who, _ in got] == [
        ("The government broke the dialogue", "national liberation army"),
        ("increased markedly", "armed conflict location and event data project"),
        ("working closely with the authorities", "totalenergies"),
        ("alarming and unsustainable.", "u.n. human rights office"),
        ("ready to receive returnees", "tun"),
    ]


def test_a_body_in_a_speakers_appositive_and_a_body_inside_a_quote() -> None:
    got = attributed(
        INTRO + "“We made progress,” Edward Gemayel, the IMF’s mission chief for Senegal, said "
        "in a statement, adding that more work was needed on “the fiscal path”.\n\n"
        "“The only solution is the referendum that the United Nations promised us,” the "
        "Polisario Front said in a statement.\n\n"
        "He went on: “We want good relations with our neighbour.”"
    )
    assert [(q, who) for q, who, _ in got] == [
        ("We made progress", "gemayel"),
        ("the fiscal path", "gemayel"),
        ("The only solution is the referendum that the United Nations promised us",
         "polisario front"),
        ("We want good relations with our neighbour.", "gemayel"),  # "He went on:"
    ]  # fmt: skip


def test_national_bodies_in_lower_case_charities_and_hailed() -> None:
    got = attributed(
        INTRO + "Four ships came close, Taiwan’s coast guard said. The ships turned back, the "
        "coast guard said, adding that they had acted “repeatedly and dangerously”.\n\n"
        "The Taiwanese Coast Guard later said it had filmed them “from close range”.\n\n"
        "Prime Minister Giorgia Meloni hailed the deal in a post on X as “further proof”.\n\n"
        "The German charity Sea-Watch said in a statement that Italy was “paying to hide it”."
    )
    assert [(q, who) for q, who, _ in got] == [
        ("repeatedly and dangerously", "taiwanese coast guard"),
        ("from close range", "taiwanese coast guard"),
        ("further proof", "meloni"),
        ("paying to hide it", "sea-watch"),
    ]


def test_long_body_names_the_committee_said_and_accusing() -> None:
    got = attributed(
        INTRO + "The Permanent Committee for the Defence of Human Rights, a Tallinn-based group, "
        "said it had received complaints.\n\n"
        "“Every new decree brings new complaints,” the committee said.\n\n"
        "Kask went further, accusing Moscow in a post on X of “political blackmail”.\n\n"
        "“Steps were taken,” said U.N. envoy Jeanine Hennis-Plasschaert. Hennis-Plasschaert, "
        "the U.N. special coordinator, said the steps were “essential”."
    )
    assert [(q, who) for q, who, _ in got] == [
        ("Every new decree brings new complaints",
         "permanent committee for the defence of human rights"),
        ("political blackmail", "kask"),
        ("Steps were taken", "hennis-plasschaert"),
        ("essential", "hennis-plasschaert"),
    ]  # fmt: skip


def test_a_quote_standing_alone_after_a_sentence_about_its_speaker() -> None:
    got = attributed(
        INTRO + "Opposition leader Ivo Tamm was blunt. “This government has lost its way.”"
    )
    assert got == [("This government has lost its way.", "tamm", None)]
    # Not when the sentence before it is about something else.
    assert attributed(INTRO + "Prices rose again. “This government has lost its way.”") == []


def test_it_said_skips_bodies_named_inside_the_quote() -> None:
    got = attributed(
        "The Dutch coast guard said a tanker was hit on Monday.\n\n"
        "The strike “put Royal Navy and merchant ships at risk”, it said."
    )
    assert got == [("put Royal Navy and merchant ships at risk", "dutch coast guard", None)]


def test_the_group_said_is_the_body_that_speaks_not_the_last_named() -> None:
    got = attributed(
        "The Popular Liberation Front (PLF) blamed the army for the clashes and accused the "
        "Democratic Salvation Movement of attacking villages.\n\n"
        "“We did not start this war,” the group said."
    )
    assert got == [("We did not start this war", "popular liberation front", None)]


def test_the_commission_said_and_a_body_that_only_owns_the_speaker() -> None:
    got = attributed(
        "The European Commission on Tuesday opened a consultation. The Commission said the "
        "appeal had left the case “in legal limbo”."
    )
    assert got == [("in legal limbo", "european commission", None)]
    got = attributed(
        "The Chilean company, controlled by state-owned Andes Metals Corp., said the mine "
        "would be full “within two weeks”."
    )
    assert got == []  # the owner did not say it


def test_a_body_before_a_relative_clause_and_a_chain_of_pronoun_sentences() -> None:
    got = attributed(
        "The Office of the Ombudsman, which Ivo Maric heads, said the law “attacks the "
        "constitution”."
    )
    assert got == [("attacks the constitution", "office of the ombudsman", None)]
    got = attributed(
        "Opposition leader Ana Kovac is accused of fraud that judge Petar Horvat uncovered. "
        "She was charged in May. She has denied it and called the case a “witch hunt”."
    )
    assert got == [("witch hunt", "kovac", None)]


def test_the_company_said_is_the_company_not_a_ministry() -> None:
    got = attributed(
        "The Energy Ministry approved the mine. Kora Metals, the mining company, welcomed "
        "the decision.\n\n“We will build it,” the company said in a statement."
    )
    assert got == [("We will build it", "kora metals", "in a statement")]


def test_a_surname_with_a_lower_case_particle() -> None:
    got = attributed(
        "Dutch Foreign Minister Anna van Dijk met her Belgian counterpart on Monday.\n\n"
        "“This is a river, not a border,” van Dijk said. “We have a judgment.”"
    )
    assert got == [
        ("This is a river, not a border", "dijk", None),
        ("We have a judgment.", "dijk", None),
    ]


def test_the_n_year_old_and_a_group_described_at_length() -> None:
    got = attributed(
        "In the delta, rice farmer Tran Van Binh said salt water was creeping inland.\n\n"
        "“Every dry season the salt comes further in,” the 54-year-old told AFP by phone."
    )
    assert got == [("Every dry season the salt comes further in", "binh", "told AFP")]
    got = attributed(
        "GreenBridge Baltic, a group of Estonian, Latvian and Finnish engineers that first "
        "proposed the cable, urged both governments to go on.\n\n"
        "“The cable is the region’s insurance,” the group said in a statement."
    )
    assert got == [("The cable is the region’s insurance", "greenbridge baltic", "in a statement")]


def test_a_speaker_closing_a_pre_appositive() -> None:
    got = attributed(
        "Oxfam’s regional director for West Africa, Mariam Diallo, called the ruling "
        "“shameful” on Monday."
    )
    assert got == [("shameful", "diallo", None)]


def test_a_spokesman_for_a_company_speaks_for_it() -> None:
    got = attributed(
        "A spokesman for KL Ports, the Dubai-based operator, said the company was "
        "“confident that the deal serves Senegal”."
    )
    assert got == [("confident that the deal serves Senegal", "kl ports", None)]


def test_the_agency_said_the_company_said_and_a_title_with_commas() -> None:
    got = attributed(
        "The National Oil Agency said fields had started. Kianda Energy brought a field "
        "online.\n\n“It is a structural challenge,” the agency said in a statement.\n\n"
        "“We left OPEC to decide our output,” Diamantino Neto, the minister of mineral "
        "resources, oil and gas, told reporters."
    )
    assert got == [
        ("It is a structural challenge", "national oil agency", "in a statement"),
        ("We left OPEC to decide our output", "neto", "told reporters"),
    ]
    got = attributed(
        "The Uganda National Oil Company holds a stake.\n\n"
        "Kora Mining Corporation said in a statement that work was 60% done. The company said the "
        "project met “the highest standards”."
    )
    assert got == [("the highest standards", "kora mining corporation", None)]


def test_the_bank_fund_party_said_and_a_company_with_its_legal_form() -> None:
    got = attributed(
        "The Bank of the Republic of Burundi cut its rate.\n\n"
        "“Scarcity is temporary,” the bank said.\n\n"
        "The Green Alliance, the second-biggest party in parliament, said it would act. "
        "“A regulator that cannot add up should go,” the party said in a statement."
    )
    assert got == [
        ("Scarcity is temporary", "bank of the republic of burundi", None),
        ("A regulator that cannot add up should go", "green alliance", "in a statement"),
    ]
    got = attributed(
        "The plants belong to French utility Lumen SA, which took a loss.\n\n"
        "Lumen said its position had not changed. “Nuclear is no longer our strategy,” the "
        "company said."
    )
    assert got == [("Nuclear is no longer our strategy", "lumen", None)]


def test_a_persons_name_as_the_appositive_of_a_title_with_a_body() -> None:
    got = attributed(
        "Asked on Wednesday, the director of the Holy See Press Office, Mario Conti, told "
        "journalists that the Vatican was “following the situation with concern”."
    )
    assert got == [("following the situation with concern", "conti", "told journalists")]


def test_a_paternal_surname_alone_speaks_and_told_names_the_listener() -> None:
    # "Tomás Varela Ibarra" is "Varela" for short; "told Radio Sol" names who heard it.
    body = (
        "His counterpart, Tomás Varela Ibarra, struck a harder line. “Our half belongs to "
        "us,” Varela told Radio Sol."
    )
    assert attributed(body) == [("Our half belongs to us", "ibarra", "told Radio Sol.")]
    article = read_article("Headline of the story\n\n" + body)
    cast = find_cast([p.text for p in article.paragraphs], [True])
    assert [p.name for p in cast.people] == ["Tomás Varela Ibarra"]


def test_the_party_said_is_the_body_that_spoke_not_one_named_for_its_officials() -> None:
    got = attributed(
        "The National Grid Regulator, known as Nagre, said on Monday it would raise tariffs.\n\n"
        "The Green Alliance said it would ask lawmakers to summon Nagre officials next week. "
        "“A regulator that cannot add up should not set prices,” the party said."
    )
    assert got[-1][:2] == ("A regulator that cannot add up should not set prices", "green alliance")


def test_said_someones_aide_is_the_aide_speaking() -> None:
    got = attributed(
        INTRO + "“We will respond,” said Russian President Vladimir Orlov’s spokesman, Pavel "
        "Garin.\n\n"
        "“If the mines close, we lose everything,” said Kask’s neighbour, Liis Tamm, whose "
        "husband drives trucks."
    )
    assert [(q, who) for q, who, _ in got] == [
        ("We will respond", "garin"),
        ("If the mines close, we lose everything", "tamm"),
    ]


def test_a_participle_after_a_comma_is_the_sentence_subjects() -> None:
    got = attributed(
        "The Zambia Revenue Authority fined the Chamber of Mines of Zambia last month, saying "
        "in a report that its members had paid “less than was due”."
    )
    assert [(quote, speaker) for quote, speaker, _ in got] == [
        ("less than was due", "zambian revenue authority")
    ]


def test_a_bodys_officer_named_after_a_region_or_a_description_speaks() -> None:
    got = attributed(
        "Amnesty International’s regional director for East and Southern Africa, Tigere "
        "Chagutah, called the charges “baseless” and said in a statement that Lissu should "
        "be “released immediately”."
    )
    # Amnesty International is a body (it is a well-known one); its officer speaks.
    assert [speaker for _, speaker, _ in got] == ["chagutah", "chagutah"]


def test_the_company_said_is_no_court_or_centre() -> None:
    got = attributed(
        "Woodside Energy filed a complaint with the International Centre for Settlement of "
        "Investment Disputes (ICSID) on May 30.\n\n"
        "“Woodside has acted in accordance with the contract,” the company said."
    )
    assert [speaker for _, speaker, _ in got] == ["woodside energy"]
