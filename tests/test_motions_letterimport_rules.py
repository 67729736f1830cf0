"""Each rule of reading a letter on its own (motions/letterimport: cleaning, head, body)."""

import datetime

import pytest

from motions.letterimport import body as b
from motions.letterimport import cleaning as c
from motions.letterimport import head as h
from motions.letterimport.rules import read

# Cleaning ------------------------------------------------------------------------------------


def test_normalise_characters_replaces_no_break_spaces_soft_hyphens_and_ligatures():
    assert c.normalise_characters("Ver\u00adkehrs\u00a0ﬂuss") == "Verkehrs fluss"


def test_drop_repeated_page_lines_removes_running_headers_and_footers():
    pages = [["SPD-Fraktion", "Text eins", "Seite"], ["SPD-Fraktion", "Text zwei"]]

    assert c.drop_repeated_page_lines(pages) == [["Text eins", "Seite"], ["Text zwei"]]


@pytest.mark.parametrize("line", ["2", "- 2 -", "Seite 2", "Seite 2 von 3", "2/3"])
def test_drop_page_numbers_removes_page_number_lines(line):
    assert c.drop_page_numbers(["Text", line]) == ["Text"]


def test_drop_page_numbers_keeps_numbered_list_items():
    assert c.drop_page_numbers(["1. Erster Punkt"]) == ["1. Erster Punkt"]


def test_join_hyphenation_joins_a_word_broken_at_the_line_end():
    assert c.join_hyphenation(["die Verkehrs-", "beruhigung"]) == ["die Verkehrsberuhigung"]


def test_join_hyphenation_keeps_the_hyphen_before_a_conjunction():
    assert c.join_hyphenation(["Kultur-", "und Bildungszentrum"]) == [
        "Kultur-",
        "und Bildungszentrum",
    ]


def test_rejoin_wrapped_lines_makes_a_wrapped_paragraph_one_line_again():
    lines = ["x" * 60 + " eins", "zwei", "", "kurz"]

    assert c.rejoin_wrapped_lines(lines) == ["x" * 60 + " eins zwei", "", "kurz"]


def test_rejoin_wrapped_lines_joins_a_compound_broken_after_its_hyphen_without_space():
    lines = ["x" * 60 + " der SPD-", "Fraktion"]

    assert c.rejoin_wrapped_lines(lines) == ["x" * 60 + " der SPD-Fraktion"]


def test_rejoin_wrapped_lines_does_not_join_list_items():
    lines = ["x" * 70, "→ eine Frage?"]

    assert c.rejoin_wrapped_lines(lines) == lines


def test_drop_blank_runs_keeps_one_blank_line_between_paragraphs():
    assert c.drop_blank_runs(["", "a", "", "", "b", ""]) == ["a", "", "b"]


# Head ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["30. März 2021", "30.03.2021", "30.3.21", "2021-03-30", "30. Maerz 2021", "30.3. 2021"],
)
def test_parse_date_reads_every_way_letters_write_a_date(text):
    assert h.parse_date(text)[0] == datetime.date(2021, 3, 30)


def test_parse_date_skips_an_impossible_date():
    assert h.parse_date("31.02.2021 oder 01.03.2021")[0] == datetime.date(2021, 3, 1)


def test_place_and_date_reads_place_and_date_line():
    assert h.place_and_date(["Castrop-Rauxel, den 30. März 2021"])[:2] == (
        "Castrop-Rauxel",
        datetime.date(2021, 3, 30),
    )


def test_place_and_date_reads_a_labelled_date():
    assert h.place_and_date(["vom: 25. Mai 2016"])[1] == datetime.date(2016, 5, 25)


def test_place_and_date_ignores_the_receipt_stamp():
    assert h.place_and_date(["Eingang: 27.05.2016"])[1] is None


def test_receipt_stamp_reads_the_day_of_receipt():
    assert h.receipt_stamp(["Eingegangen am 27.05.2016"])[0] == datetime.date(2016, 5, 27)


def test_reference_block_pairs_labels_with_values_on_the_same_line():
    found = h.reference_block(["Gremium: Betriebsausschuss 2", "TOP: Ö 5"])

    assert found["committee"][0] == "Betriebsausschuss 2"
    assert found["agenda_item"][0] == "Ö 5"


def test_reference_block_pairs_labels_first_with_the_values_after_them():
    found = h.reference_block(["Gremium:", "Termin:", "Betriebsausschuss 2", "15.04.2099"])

    assert found["committee"][0] == "Betriebsausschuss 2"
    assert found["meeting"][0] == "15.04.2099"


def test_addressee_reads_the_block_under_an():
    text, _source = h.addressee(["An", "Die Vorsitzende des B2", "Frau Lasser", "", "Antrag"])

    assert text == "Die Vorsitzende des B2 Frau Lasser"


@pytest.mark.parametrize(
    ("line", "kind", "urgent"),
    [
        ("Antrag:", "motion", False),
        ("ANFRAGE", "inquiry", False),
        ("Änderungsantrag der SPD-Fraktion", "amendment", False),
        ("Dringlichkeitsantrag", "motion", True),
        ("☐ Antrag ☒ Anfrage", "inquiry", False),
    ],
)
def test_paper_type_reads_the_type_line_or_the_ticked_box(line, kind, urgent):
    assert h.paper_type([line])[:2] == (kind, urgent)


def test_title_reads_betreff():
    assert h.title(["Betreff: Mehr Bäume"], None)[0] == "Mehr Bäume"


def test_title_reads_the_words_after_the_type():
    assert h.title(["Antrag: Trinkbrunnen"], 0)[0] == "Trinkbrunnen"


def test_title_reads_the_paragraph_under_the_type_line():
    assert h.title(["Antrag", "der SPD-Fraktion", "Trinkbrunnen", "", "Sehr geehrte"], 0)[0] == (
        "Trinkbrunnen"
    )


def test_salutation_divides_head_and_text():
    assert h.salutation_index(["An", "", "Sehr geehrte Frau Lasser,"]) == 2


# Body ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "section"),
    [
        ("Beschlussvorschlag", "resolution"),
        ("BESCHLUSSENTWURF:", "resolution"),
        ("Der Rat möge beschließen:", "resolution"),
        ("2. Begründung", "justification"),
        ("Fragen:", "questions"),
        ("Wir fragen die Verwaltung:", "questions"),
    ],
)
def test_heading_recognises_heading_variants(line, section):
    assert b.heading(line) == (section, "")


def test_heading_keeps_the_text_after_an_inline_heading():
    assert b.heading("Begründung: Die Straße ist gefährlich.") == (
        "justification",
        "Die Straße ist gefährlich.",
    )


def test_heading_is_not_a_sentence_that_begins_with_a_heading_word():
    assert b.heading("Begründet wird das mit der Lage.") is None


def test_closing_finds_the_last_greeting():
    assert b.closing_index(["Text", "Mit freundlichen Grüßen", "Name"]) == 1


def test_sections_open_the_resolution_at_a_paragraph_without_heading():
    parts, _sources = b.sections(["wir bitten:", "", "Die Verwaltung wird beauftragt, X."])

    assert parts["resolution"] == ["Die Verwaltung wird beauftragt, X."]


@pytest.mark.parametrize("marker", ["→", "-", "–", "•", "1.", "2)", "a)", "(a)"])
def test_list_items_recognise_every_marker(marker):
    _before, items, _after = b.list_items([f"{marker} Wie viele?"])

    assert items == ["Wie viele?"]


def test_list_items_continue_an_item_on_the_next_line():
    _before, items, _after = b.list_items(["1. Wie viele", "Plätze gibt es?"])

    assert items == ["Wie viele Plätze gibt es?"]


def test_questions_are_items_after_an_introduction_that_asks():
    lines = [
        "Die Verwaltung berichtet.",
        "",
        "Dabei soll auf folgende Aspekte eingegangen werden:",
        "→ a",
        "→ b",
    ]

    resolution, intro, questions, _rest = b.resolution_and_questions(lines, asked=False)

    assert (resolution, intro, questions) == (
        "Die Verwaltung berichtet.",
        "Dabei soll auf folgende Aspekte eingegangen werden:",
        ["a", "b"],
    )


def test_numbered_points_of_a_resolution_are_no_questions():
    lines = ["1. Die Verwaltung prüft X.", "2. Sie legt Y vor."]

    resolution, _intro, questions, _rest = b.resolution_and_questions(lines, asked=False)

    assert questions == []
    assert resolution == "1. Die Verwaltung prüft X.\n2. Sie legt Y vor."


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Die Verwaltung wird gebeten, schriftlich zu berichten.", "written"),
        ("Die Verwaltung berichtet mündlich.", "oral"),
        ("Bericht schriftlich sowie in der Sitzung des B2.", "written_and_oral"),
        ("Die Verwaltung baut einen Radweg.", ""),
    ],
)
def test_report_kind_reads_the_report_asked_for(text, kind):
    assert b.report_kind(text)[0] == kind


def test_meeting_date_reads_a_date_near_sitzung():
    assert b.meeting_date("in der Sitzung des B2 am 15.4.21 behandeln")[0] == datetime.date(
        2021, 4, 15
    )


def test_meeting_date_reads_the_next_meeting():
    assert b.meeting_date("in der nächsten Sitzung behandeln")[0] == "next"


def test_signatories_read_name_and_function_over_two_lines():
    found = b.signatories(["Daniel Molloisch", "Vorsitzender der SPD-", "Ratsfraktion"])

    assert [(name, function) for name, function, _source in found] == [
        ("Daniel Molloisch", "Vorsitzender der SPD-Ratsfraktion")
    ]


def test_signatories_side_by_side_are_split_at_the_gap():
    found = b.signatories(["Anna Berger      Lea Roth", "Vorsitzende      Sprecherin"])

    assert [(name, function) for name, function, _source in found] == [
        ("Anna Berger", "Vorsitzende"),
        ("Lea Roth", "Sprecherin"),
    ]


def test_signatories_read_gez_and_academic_titles():
    found = b.signatories(["gez. Dr. Petra Voß"])

    assert found[0][0] == "Dr. Petra Voß"


# The whole ------------------------------------------------------------------------------------


def test_fallback_keeps_a_letter_without_pattern_in_the_justification_with_a_note():
    reading = read("Hallo,\n\nbitte mehr Bänke am Markt.\n\nGruß Tom")

    assert reading["justification"].value == "Hallo,\n\nbitte mehr Bänke am Markt.\n\nGruß Tom"
    assert reading.notes


def test_empty_text_gives_an_empty_reading_with_a_note():
    reading = read("")

    assert not reading["title"].found
    assert reading.notes
