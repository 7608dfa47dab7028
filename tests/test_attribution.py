"""Attribution: the canonical case, carried attribution, quotes, vague sources, the sourcing map."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.document import parse_document
from lint.packs import load_pack_file
from lint.sentences import sentences
from lint.sources import lexicon_rule
from lint.sourcing.analysis import analyse
from lint.sourcing.quotations import quote_regions
from lint.sourcing.records import SentenceInfo
from lint.sourcing.signals import signal_hits
from tests.helpers import copy_pack_files, lint_text, run_cli, shipped_rules, write

FIXTURES = Path(__file__).parent / "fixtures"
RULES = shipped_rules("attribution")


def found(text: str, rule: str) -> list[str]:
    return [f.match for f in lint_text(text, RULES, fmt="text") if f.rule == f"attribution.{rule}"]


def test_the_canonical_case() -> None:
    text = (FIXTURES / "red-lines.txt").read_text()
    claims = found(text, "unattributed-claim")
    assert claims == [
        "However, no decision has been made to allow Ukraine to strike at Russian territory."
    ]
    assert found(text, "unattributed-quote") == []
    assert found(text, "vague-source") == []


@pytest.mark.parametrize(
    "text",
    [
        '"Iran and North Korea supply drones to Russia and stay out of the war," the Secretary-General said.',
        "In his opinion, the permission will not be a red line, as Russian leader Putin claims.",
        "Although The Guardian reported that the allies agreed, they are not ready to announce it.",
        "He said this in an interview with The Times, Censor.NET reports.",
        "Unemployment rose by 12% last year, according to the statistics office.",
        "On September 11, the two ministers arrived in Kyiv on an official visit.",
    ],
)
def test_attributed_or_plain_sentences_are_not_flagged(text: str) -> None:
    assert found(text, "unattributed-claim") == []


def test_attribution_one_sentence_later_covers_a_quote_and_a_break_word_ends_it() -> None:
    text = (
        '"We will not be drawn in. This is the largest aid package yet." The minister said so on '
        "Monday.\n\nThe minister said the plan was agreed. However, the cost rose by 40% last year.\n"
    )
    assert found(text, "unattributed-claim") == ["However, the cost rose by 40% last year."]


def test_quotes_over_several_paragraphs_keep_their_speaker() -> None:
    text = (
        '"The situation is the worst we have seen," the mayor said. "Hundreds of homes are gone.\n\n'
        '"We need 500 million dollars to rebuild the town centre and the schools."\n'
    )
    assert found(text, "unattributed-claim") == []
    assert found(text, "unattributed-quote") == []


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        # each quoted sentence reopens the quotation without closing the last one
        ('"We lost. "We will be back." He left.', [(0, 28)]),
        ('He said "no way" and "not now".', [(8, 16), (21, 30)]),
        ("“We lost. “We will be back.” He left.", [(0, 28)]),
        ('Unclosed: "we go on', [(10, 19)]),
        ("''We lost,'' he said, ''and we know it.''", [(0, 12), (22, 41)]),
        # a closing mark typed at the start of a line opens the quotation it begins
        ("”We lost. We will be back.” He left.", [(0, 27)]),
        ("He left.\n”We lost.”", [(9, 19)]),
        ("He said it ”twice” today.", []),
    ],
)
def test_quote_regions_follow_reopened_quotations(
    text: str, regions: list[tuple[int, int]]
) -> None:
    assert quote_regions(text, 0, len(text)) == regions


def test_a_quotation_reopened_at_each_sentence_keeps_its_speaker() -> None:
    text = (
        'The coach said: "We were poor in the first half and we know it. '
        '"In the second half we were much better, and the fans saw that. '
        '"We will win the next game against the champions."\n'
    )
    assert found(text, "unattributed-quote") == []


def test_consecutive_quotations_keep_the_speaker_named_for_the_first() -> None:
    text = (
        "Monteith says his firm is the only one.\n\n"
        '"No-one has really tried before to make proper 3D audio on a phone.\n\n'
        'The match ended late. "We lost," Smith said. "We will be back next year." '
        '"The fans deserve better than this."\n'
    )
    assert found(text, "unattributed-quote") == []


def test_a_one_word_subject_introduces_a_quotation_if_the_article_names_it_elsewhere() -> None:
    text = (
        "The side is unbeaten since Kerr succeeded McCarthy. Kerr applauded the move. "
        '"It was a brilliant goal, fantastic skill by Duff."\n\n'
        'Shops closed early. "We have never seen anything like this before."\n'
    )
    assert found(text, "unattributed-quote") == ['"We have never seen anything like this before."']


def test_a_quotation_after_narration_needs_its_own_speaker() -> None:
    text = (
        '"We lost," Smith said.\n\nThe club was sold in May. Its new owner paid 5m euros, and '
        'it was "a sad day" for the fans. "The stadium will be closed for the whole summer."\n'
    )
    assert found(text, "unattributed-quote") == [
        '"The stadium will be closed for the whole summer."'
    ]


def test_a_quoted_phrase_within_a_sentence_is_not_speech() -> None:
    assert (
        found('Campaigns aim to "set the record straight" about them.', "unattributed-quote") == []
    )
    slogan = '"Taking responsibility for tough choices" is this year\'s official talking point.'
    assert found(slogan, "unattributed-quote") == []
    # words quoted straight after a word, with no comma or colon, are a text (a poster, a
    # sign, a pledge), not speech; a lower-case quotation inside a sentence is a phrase
    text = 'Under the words "How can they fight crime when they fight each other?" stood two men.'
    assert found(text, "unattributed-quote") == []
    pledge = 'The pledge - "your child achieving more than ever" - was one of six.'
    assert found(pledge, "unattributed-quote") == []
    question = 'Shops closed early. "How can they fight crime when they fight each other?"'
    assert found(question, "unattributed-quote") != []  # a question of its own


def test_a_later_sentence_that_goes_on_with_a_report_covers_the_claim_before_it() -> None:
    text = (
        "Sales will reach 159 million, an increase of 104%. The report predicts that most "
        "phones will have a camera.\n\n"
        "Sales will reach 159 million, an increase of 104%. Cameras are popular, the shop said.\n"
    )
    assert found(text, "unattributed-claim") == [
        "Sales will reach 159 million, an increase of 104%."
    ]


def test_a_paragraph_in_the_writers_own_voice_is_signed_by_the_byline() -> None:
    text = (
        "A year ago I deleted every game on my computer. RPGs are the worst of all.\n\n"
        "RPGs are the worst-selling games of the year.\n\n"
        "The Europe/Africa Zone I tie begins on Friday. Its prize is the biggest yet.\n"
    )
    assert found(text, "unattributed-claim") == [
        "RPGs are the worst-selling games of the year.",
        "Its prize is the biggest yet.",  # "Zone I" is a name, not the writer
    ]


def test_unattributed_quote_and_scare_quotes() -> None:
    text = 'The mood was grim. "We have never seen anything like this before." Shops closed early.'
    assert found(text, "unattributed-quote") == ['"We have never seen anything like this before."']
    assert found('The so-called "red lines" were crossed.', "unattributed-quote") == []


def test_vague_sources() -> None:
    text = "Experts say the move will matter. It is believed the deal was reportedly signed."
    assert found(text, "vague-source") == ["Experts say", "It is believed", "reportedly"]


def test_sentence_segmentation_survives_abbreviations_and_quotes() -> None:
    text = (
        'Mr. Smith met Gen. Jones in the U.S. on Monday. J. K. Rowling said "Yes." '
        "Prices rose 3.5%. Roberts cited Brown v. Board of Education."
    )
    doc = parse_document(text, "t", "text")
    assert [text[s.start : s.end] for s in sentences(doc)] == [
        "Mr. Smith met Gen. Jones in the U.S. on Monday.",
        'J. K. Rowling said "Yes."',
        "Prices rose 3.5%.",
        "Roberts cited Brown v. Board of Education.",
    ]


def test_a_plain_text_list_item_starts_a_sentence() -> None:
    text = (
        "THE WEEKEND'S POLLS\n-Trump leads in Ohio [538]\n~ Clinton gains\nstate by state - Rubio\n"
    )
    doc = parse_document(text, "t", "text")
    assert [text[s.start : s.end] for s in sentences(doc)] == [
        "THE WEEKEND'S POLLS",
        "-Trump leads in Ohio [538]",
        "~ Clinton gains\nstate by state - Rubio",  # a dash inside a line is no list marker
    ]


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_a_list_takes_the_source_of_the_sentence_that_introduces_it(fmt: str) -> None:
    items = "- Prices rose 40% last year.\n- Wages fell by 3%.\n"
    attributed = f"The survey found:\n\n{items}"
    unattributed = f"Over the year:\n\n{items}"

    def claims(text: str) -> list[str]:
        findings = lint_text(text, RULES, fmt=fmt)
        return [f.match for f in findings if f.rule == "attribution.unattributed-claim"]

    assert claims(attributed) == []
    # each item is a claim of its own, flagged on its own line
    assert [m.lstrip("- ") for m in claims(unattributed)] == [
        "Prices rose 40% last year.",
        "Wages fell by 3%.",
    ]


@pytest.mark.parametrize(
    "headline", ["Unemployment rises by 12%", "Wilkinson return 'unlikely'", 'Deal "set to fail"']
)
def test_headlines_are_not_claims(headline: str) -> None:
    text = f"{headline}\n\nThe figures were published.\n"
    assert found(text, "unattributed-claim") == []
    assert found(f"Today {headline.lower()} again.\n", "unattributed-claim") != []  # as prose


def test_sources_json_contract(tmp_path: Path) -> None:
    text = "Prices rose 12% last year, the ministry said. However, wages fell by 3%.\n"
    article = write(tmp_path / "a.txt", text)
    write(tmp_path / ".copydesk.yaml", "packs: [attribution]\n")
    result = run_cli("sources", "-f", "json", str(article))
    assert result.code == 0
    data = json.loads(result.out)
    assert data == {
        "version": 1,
        "files": [
            {
                "path": str(article),
                "sentences": [
                    {
                        "start": 0,
                        "end": 45,
                        "attributed": True,
                        "needs_attribution": True,
                        "cue": "said",
                        "source": "the ministry",
                        "signal": "figure",
                        "covered_by": "cue",
                        "voice": "reporter",
                    },
                    {
                        "start": 46,
                        "end": 72,
                        "attributed": False,
                        "needs_attribution": True,
                        "cue": None,
                        "source": None,
                        "signal": "figure",
                        "covered_by": None,
                        "voice": "reporter",
                    },
                ],
            }
        ],
    }
    assert text[46:72] == "However, wages fell by 3%."
    marked = run_cli("sources", str(article)).out
    assert "[+] Prices rose 12% last year, the ministry said." in marked
    assert "[!] However, wages fell by 3%." in marked


def test_sources_reports_bad_input(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"\xff\xfe\x00")
    result = run_cli("sources", str(bad))
    assert result.code == 2 and "binary file" in result.err


def test_a_slow_source_pattern_is_an_error_for_its_file_not_a_crash(tmp_path: Path) -> None:
    pack = (Path(__file__).parent.parent / "rules" / "attribution.yaml").read_text()
    start = pack.index("    source_patterns:\n")
    end = pack.index("\n    labels:", start)
    slow = pack[:start] + "    source_patterns: ['(x+x+)+y']" + pack[end:]
    write(tmp_path / "attribution.yaml", slow)
    copy_pack_files(tmp_path)
    rules = Path(__file__).parent.parent / "rules"
    for name in ("attribution-cues.txt", "attribution-cue-model.tsv"):
        write(tmp_path / name, (rules / name).read_text())
    write(tmp_path / ".copydesk.yaml", "packs: [attribution.yaml]\n")
    slow_article = write(tmp_path / "a.txt", "x" * 5000 + "\n")
    good_article = write(tmp_path / "b.txt", "Prices rose, the minister said.\n")
    started = time.monotonic()
    result = run_cli("sources", "-f", "json", str(slow_article), str(good_article))
    assert time.monotonic() - started < 5.0
    assert result.code == 2
    assert f"{slow_article}: pattern" in result.err and "took too long" in result.err
    assert [f["path"] for f in json.loads(result.out)["files"]] == [str(good_article)]


def test_cue_files_are_read_beside_the_pack(tmp_path: Path) -> None:
    pack = (Path(__file__).parent.parent / "rules" / "attribution.yaml").read_text()
    write(tmp_path / "attribution.yaml", pack)
    copy_pack_files(tmp_path)
    write(tmp_path / "attribution-cues.txt", "# header\nquipped\t9\t0.99\n")
    model = Path(__file__).parent.parent / "rules" / "attribution-cue-model.tsv"
    write(tmp_path / "attribution-cue-model.tsv", model.read_text())
    write(tmp_path / ".copydesk.yaml", "packs: [attribution.yaml]\n")
    article = write(tmp_path / "a.txt", "Prices rose by 40% last year, the minister quipped.\n")
    result = run_cli("check", "-f", "json", str(article))
    assert json.loads(result.out)["files"][0]["findings"] == []
    (tmp_path / "attribution-cues.txt").unlink()
    missing = run_cli("check", str(article))
    assert (
        missing.code == 2 and "cannot read" in missing.err and "attribution-cues.txt" in missing.err
    )
    assert f"{tmp_path / 'attribution.yaml'}:" in missing.err


def _analysed(
    text: str, fmt: Literal["markdown", "text"] = "markdown", complete: bool = True
) -> list[SentenceInfo]:
    rule = lexicon_rule(shipped_rules())
    assert rule is not None
    name = "a.md" if fmt == "markdown" else "a.txt"
    return analyse(parse_document(text, name, fmt), rule.options.lexicon, complete)


def _sourcing(text: str) -> list[tuple[bool, str | None]]:
    return [(info.attributed, info.source) for info in _analysed(text)]


def test_the_noun_phrase_opening_a_sentence_is_the_source_of_its_verb() -> None:
    text = (
        "Rep. Gregory Meeks, chairman of the caucus, said members will help.\n\n"
        "A union representing flight attendants endorsed Clinton on Thursday.\n\n"
        "Howard dismisses Tory tax fears\n\n"  # a headline names no subject
        "In 1986, the Supreme Court blocked the sale, citing a threat to health.\n\n"
        "Donna Rawlings, 59, of Ashton, Md., who watched on a screen, said it was moving.\n\n"
        "He started this years ago by claiming it.\n\n"
        '"We will not play games with our schools," said Mulgrew.\n\n'
        "Trump has steadfastly refused to disclose his records.\n"
    )
    assert _sourcing(text) == [
        (True, "Rep. Gregory Meeks"),
        (True, "A union representing flight attendants"),
        (True, None),
        (True, None),  # "In 1986" is a time, not a subject
        (True, "Donna Rawlings"),
        (True, None),  # "he" with no one named before
        (True, "Mulgrew"),  # the stop is not part of the name
        (True, "Trump"),
    ]


def test_the_map_names_sources_further_from_their_cue() -> None:
    text = (
        "Markets fell in January, and many analysts expect a recovery.\n\n"
        "The bill was opposed by House Republicans.\n\n"
        "Giles attempted to reach the campaign and said he had papers.\n\n"
        "The crowd cheered Christie’s speech on Monday.\n\n"
        "Mr. Pence used his keynote speech to praise the plan.\n\n"
        "Elsewhere on the list, a band began their rise after supporting Oasis.\n\n"
        "The referee was criticised by Scotland coach Matt Williams.\n\n"
        "Comey cannot say that the case is closed.\n\n"
        "A new CNN/ORC poll shows Clinton ahead.\n\n"
        "The survey found that prices rose.\n\n"
        "The party spokesman said it was fine.\n\n"
        "Coaches should let players know the plan.\n"
    )
    assert _sourcing(text) == [
        (True, "many analysts"),  # a group just before its verb
        (True, "House Republicans"),  # a passive's agent
        (True, "Giles"),  # the subject of the verb "said" goes on from
        (True, "Christie"),  # whose the speech is
        (True, "Mr. Pence"),  # "his" is the sentence's subject
        (True, None),  # "Elsewhere" opens the sentence but names no one
        (True, "Scotland coach Matt Williams"),
        (True, "Comey"),  # not "Comey cannot"
        (True, "CNN/ORC"),  # the name before a noun cue
        (True, "The survey"),  # a document that opens its sentence is its source
        (True, "The party spokesman"),  # not "The party": the words modify the noun cue
        (True, "Coaches"),  # not "players", who are let know
    ]


def test_a_source_found_far_from_its_cue_does_not_cover_the_paragraph() -> None:
    # "many analysts" names the first sentence's source in the map, but a group in a
    # subordinate clause is no source for the paragraph's claims
    text = (
        "Markets fell in January, but many analysts expect a recovery. The index closed flat. "
        "Prices will rise 40% next year.\n"
    )
    assert found(text, "unattributed-claim") == ["Prices will rise 40% next year."]


def test_sources_are_named_before_the_cue_or_after_an_inverted_quote() -> None:
    text = (
        "The minister said the plan was sound.\n\n"
        '"We will hold the line," said the general.\n\n'
        "The minister said:\n\n"
        '"We will not back down on this policy at all."\n'
    )
    assert _sourcing(text) == [
        (True, "The minister"),  # not "the plan was", which is what was said
        (True, "the general"),
        (True, "The minister"),
        (True, "The minister"),  # "He said:" introduces the next paragraph's quotation
    ]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            '"We will win," Jeff Weaver, the campaign manager, said.',
            "Jeff Weaver, the campaign manager",
        ),
        ('"There is energy," Rep. Earl Blumenauer (D-Ore.) said.', "Rep. Earl Blumenauer (D-Ore.)"),
        ("“Nobody cares,” the RNC member said, adding more.", "the RNC member"),
        ('"We will win," he will say.', None),  # "will" is no part of a name
        ('"We will win," a BT spokesman said.', "BT"),  # not "a": it goes with the noun cue
        ('"I am never satisfied," Mr Hailey once said.', "Mr Hailey"),
        ("On Tuesday Mr Ebbers said the plan was sound.", "Mr Ebbers"),  # not the day
        ("Wednesday Lord Woolf said the plan was sound.", "Lord Woolf"),
        ("Sunday Times reported that the plan was sound.", "Sunday Times"),  # a newspaper
        ("Thursday's figures offer a progress check.", None),  # a day is no one
        ("A spokeswoman for the ministry declined to comment.", None),  # not "A"
        ("That has convinced some activists that they can win.", None),  # not "That"
        ("The 32-year-old also felt the plan was sound.", "The 32-year-old"),  # not "also"
        ("Mr Clinton still shows flashes of brilliance.", "Mr Clinton"),
        ("At the risk of stating the obvious, the plan was sound.", None),  # not "the risk of"
    ],
)
def test_the_source_named_for_a_sentence(text: str, source: str | None) -> None:
    assert _sourcing(text) == [(True, source)]


def test_a_quotation_whose_cue_names_no_one_takes_no_guessed_source() -> None:
    # the last source named ("The minister") is not the speaker of the statement's quotation
    text = (
        "The minister said the plan was sound.\n\n"
        '"We have never seen a storm like this one before," it said. '
        '"Nobody was ready for the damage it caused."\n'
    )
    assert _sourcing(text) == [(True, "The minister"), (True, None), (True, None)]


def test_the_subject_speaks_through_a_participle_after_a_comma() -> None:
    text = "Mr Howard branded the decision unacceptable, saying that it would not stand.\n"
    assert _sourcing(text) == [(True, "Mr Howard")]


def test_a_contracted_pronoun_refers_back() -> None:
    text = (
        '"We should wait a while longer," Rubio said. '
        "He's supported a massive expansion of the program.\n"
    )
    assert _sourcing(text) == [(True, "Rubio"), (True, "Rubio")]


def test_a_quotation_after_a_sentence_about_a_person_is_theirs() -> None:
    text = (
        'Mr Howard, however, was dismissive. "These things happen from time to time. '
        'There are disagreements between us."\n'
    )
    assert _sourcing(text) == [(False, None), (True, "Mr Howard"), (True, "Mr Howard")]


def test_a_phrase_quoted_inside_a_sentence_is_not_its_subjects_speech() -> None:
    text = (
        "Mr Evans was upbeat about the year. His shop labels every item with "
        '"a helpful, often comic, aside for buyers" these days.\n'
    )
    assert _sourcing(text)[1][1] is None


def test_a_cue_inside_a_not_cue_phrase_does_not_count() -> None:
    text = (
        "Thousands of fans showed up at the stadium.\n\n"
        "The organisers showed that fans were happy.\n\n"
        "The singer was found guilty, and the court found that she lied.\n"
    )
    assert _sourcing(text) == [
        (False, None),  # "showed up": no one is reporting anything
        (True, "The organisers"),
        (True, "the court"),  # "found guilty" is no cue, the later "found" is
    ]


def test_not_cues_must_be_a_list_of_strings(tmp_path: Path) -> None:
    pack = (Path(__file__).parent.parent / "rules" / "attribution.yaml").read_text()
    start = pack.index("    not_cues:")
    end = pack.index("\n", start)
    bad = pack[:start] + "    not_cues: [showed up, 7]" + pack[end:]
    line = bad[:start].count("\n") + 1
    write(tmp_path / "attribution.yaml", bad)
    copy_pack_files(tmp_path)
    write(tmp_path / "attribution-cues.txt", "")
    write(tmp_path / ".copydesk.yaml", "packs: [attribution.yaml]\n")
    article = write(tmp_path / "a.txt", "Prices rose.\n")
    result = run_cli("check", str(article))
    assert result.code == 2
    assert f"{tmp_path / 'attribution.yaml'}:{line}:" in result.err
    assert "'not_cues' must be" in result.err


def test_a_capitalised_cue_inside_a_name_does_not_count() -> None:
    text = (
        "He visited the Mobile Data Association in May.\n\n"
        "The latest ABC News Poll shows a lead for the mayor.\n\n"
        "Trump Says He Will Win\n"
    )
    assert [attributed for attributed, _ in _sourcing(text)] == [
        False,  # "Data" is part of a name
        True,  # a name that ends with the cue is the source
        True,  # a title-case headline keeps its cue
    ]


def test_sources_agree_in_number_and_skip_times_and_first_persons() -> None:
    text = (
        "Stoltenberg said the alliance was ready. They reaffirmed their support.\n\n"
        "Blinken and Lammy arrived in Kyiv. They reaffirmed their support.\n\n"
        "Both leaders said they would help.\n\n"
        "Donald Trump on Sunday tweeted a chart.\n\n"
        '"I think we will win," Clinton said.\n\n'
        "I think the plan will work.\n"
    )
    assert _sourcing(text) == [
        (True, "Stoltenberg"),
        (True, None),  # "they" cannot be Stoltenberg
        (False, None),
        (True, "Blinken and Lammy"),  # the two people named before, though neither spoke
        (True, "Both leaders"),
        (True, "Donald Trump"),
        (True, "Clinton"),  # "think" is the speaker's word, "said" the attribution
        (True, None),  # "I" names no one
    ]


def test_claim_signals_searched_as_one_pattern_find_what_each_finds_alone(
    tmp_path: Path,
) -> None:
    pack = write(
        tmp_path / "p.yaml",
        "- id: a.claim\n  kind: attribution\n  report: unattributed-claim\n  severity: warning\n"
        "  category: attribution\n  message: m\n  description: d\n  lexicon:\n"
        "    cues: [said]\n    source_patterns: []\n    vague: [x y]\n    breaks: [however]\n"
        "    pronouns: [he]\n    claims:\n"
        "      - id: foo\n        phrases: [foo]\n"
        "      - '\\bbar|baz'\n"
        "      - id: figure\n        recogniser: figure\n"
        "      - id: soon\n        phrases: [led to]\n        unless_soon_after: [injury]\n",
    )
    signals = load_pack_file(pack)[0].options.lexicon.claims
    assert [s.id for s in signals.signals] == ["foo", "claims-2", "figure", "soon"]
    texts = [
        "a foo b",
        "xbaz",
        "xbar",
        "bar",
        "up 5%",
        "food",
        "Foo!",
        "abaz 3%",
        "the 100m final",
        "it led to a knee injury",
        "it led to a fall",
        "12m people",
    ]
    for text in texts:
        scan = signals.scan(text)
        hit = scan.first(0, len(text))
        alone = sorted(
            (span[0], k, s.id)
            for k, s in enumerate(signals.signals)
            for span in signal_hits(signals, text, s.id)
        )
        first = (alone[0][0], alone[0][2]) if alone else None
        assert ((hit.start, hit.signal) if hit else None) == first, text


_PIECES = [
    "The minister said",
    "''We lost,''",
    '"We will win',
    '," she said.',
    "“Not now”",
    "However, sales rose by 12%.",
    "According to the ministry,",
    "I think",
    ":",
    "'",
    '"',
    "”",
    "\n\n",
    " ",
    "Talks continued.",
    "the 100m final",
    "Mr. Smith, 45, of Kyiv.",
    "They added that it was the best.",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_the_sourcing_map_holds_together_on_any_mix_of_quotes_and_cues(pieces: list[str]) -> None:
    text = "".join(pieces)
    infos = _analysed(text, "text")
    last_end = 0
    for info in infos:
        assert last_end <= info.start < info.end <= len(text)
        last_end = info.end
        if info.cue is not None:
            assert info.attributed and info.cue in text[info.start : info.end]
        for span in (info.quote, info.claim):
            if span is not None:
                assert info.start <= span[0] < span[1] <= info.end
    for start, end in quote_regions(text, 0, len(text)):
        line_opening = start == 0 or text[start - 1] == "\n"
        assert 0 <= start < end <= len(text) and (
            text[start] in '"“'
            or text[start : start + 2] == "''"
            or (text[start] == "”" and line_opening)
        )


def test_a_quotation_is_attributed_to_its_speaker_not_to_the_last_name_before_it() -> None:
    text = (
        'Smith noted that the talks went well. "We spoke for hours on Monday. '
        'We agreed on a plan," Jones said.\n\n'
        "Jones praised the hosts. In his opinion, the plan will work.\n"
    )
    assert _sourcing(text) == [
        (True, "Smith"),
        (True, "Jones"),  # covered by the quotation that Jones closes, not by Smith's note
        (True, "Jones"),
        (True, "Jones"),
        (True, "Jones"),  # "In his opinion": the cue's pronoun refers back
    ]


def test_labels_and_credit_lines_name_no_source() -> None:
    text = (
        "Correction: An earlier version of this story misstated the date.\n\n"
        "Subs Not Used: Smith, Jones, Brown.\n\n"
        "Online:\n\n"
        "Costa reported from Washington.\n\n"
        "Ms Moss: I have never felt better.\n\n"
        "Bush said the deal was done.\n\n"
        "Henry reportedly got a reply.\n"
    )
    infos = _analysed(text, "text", complete=False)
    assert [(i.attributed, i.source) for i in infos] == [
        (False, None),  # a label, not a speaker
        (False, None),
        (False, None),  # a colon with nothing after it
        (False, None),  # the reporter's credit line
        (True, "Ms Moss"),  # a speaker before a colon still is one
        (True, "Bush"),
        (True, "Henry"),  # "reportedly" is the cue, not "reported"
    ]
    assert infos[-1].cue == "reportedly"


def test_a_quotation_signed_after_a_dash_is_its_speakers() -> None:
    text = (
        "Readers wrote in after the debate.\n\n"
        "“He is not fit to lead the nation. He has spread fear.” ― Sonya Herrid\n"
        "”Maybe we can build a wall around him. It would cost less than $5bn.” —\u00a0Steve Quinlan\n"
        '"I will vote for the first time this year." - Ana Ruiz\n'
    )
    assert found(text, "unattributed-quote") == []
    assert found(text, "unattributed-claim") == []
    assert _sourcing(text)[1:] == [(True, "Sonya Herrid")] * 2 + [(True, "Steve Quinlan")] * 2 + [
        (True, "Ana Ruiz")
    ]
    # a dash inside a sentence names no one, nor cuts a hard-wrapped line
    assert _sourcing("The plan “will fail” — Smith left early.\n") == [(False, None)]
    wrapped = parse_document('He called it "a disgrace" - Smith later\nsaid so.\n', "a.txt", "text")
    assert len(sentences(wrapped)) == 1


def test_a_cue_inside_a_quotation_is_the_speakers_word_not_its_attribution() -> None:
    text = (
        "Anna Berg spoke first.\n\n"
        "“He is a driven man. He said it over and over. He will win,” Maria Lopez said.\n\n"
        "“I think we will win.”\n\n"
        "The crowd left.\n\n"
        "“I think we will win.”\n"
    )
    # the quotation opening the next paragraph goes on with its speaker; one after narration
    # has its own words' cue alone, and no one the map can name
    assert _sourcing(text)[1:] == [(True, "Maria Lopez")] * 4 + [(False, None), (True, None)]
    # attributed to someone, as PolNeAR counts it, but a quotation still without a speaker
    assert found(text, "unattributed-quote") == ["“I think we will win.”"]


def test_a_quotation_without_a_speaker_is_reported_once_however_many_sentences_it_has() -> None:
    text = (
        'The mood was grim. "We have never seen anything like this before. '
        '"The whole town is under water and the schools are closed for a week."\n\n'
        'Shops closed early. "Nobody here has ever seen a flood like this one."\n'
    )
    assert found(text, "unattributed-quote") == [
        '"We have never seen anything like this before.',
        '"Nobody here has ever seen a flood like this one."',
    ]


def test_a_speakers_label_before_a_quotation_names_the_speaker() -> None:
    text = (
        '- Southampton boss Harry Redknapp: "We were poor in the first half and we know it."\n'
        '- Seaman told the Daily Mail: "Jens is a fantastic keeper and a friend."\n'
    )
    assert _sourcing(text) == [(True, "Southampton boss Harry Redknapp"), (True, "Seaman")]
    # as an item of a plain-text list, the label needs no colon; the next item is not its
    # speaker's
    items = (
        '- Bolton boss Sam Allardyce "I am bitterly disappointed with the result."\n'
        '- Fans waved banners reading "Glazers out, the club is not for sale" all day.\n'
    )
    infos = _analysed(items, "text", complete=False)
    assert [(i.attributed, i.source) for i in infos] == [
        (True, "Bolton boss Sam Allardyce"),
        (False, None),
    ]


def test_an_item_of_a_plain_text_list_covers_no_other_item() -> None:
    text = (
        '- Brentford boss Martin Allen: "We were poor in the first half and we know it."\n'
        "- Brentford are the lowest ranked club left in the cup.\n"
        "- The minister pledged 102bn rupees for the victims.\n"
        "- Spending on farming rose by 30%.\n"
    )
    assert found(text, "unattributed-claim") == [
        "- Brentford are the lowest ranked club left in the cup.",
        "- Spending on farming rose by 30%.",
    ]


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_a_list_item_carries_within_itself_not_to_the_next_item(fmt: str) -> None:
    text = (
        "The figures came out on Monday.\n\n"
        "- Unemployment rose by 12%, the ministry said. Inflation fell by 3% in the year.\n"
        "- Wages fell by 2% in the year.\n"
    )
    findings = lint_text(text, RULES, fmt=fmt)
    claims = [f.match for f in findings if f.rule == "attribution.unattributed-claim"]
    assert [claim.lstrip("- ") for claim in claims] == ["Wages fell by 2% in the year."]


def test_a_note_in_the_publications_own_voice_makes_no_claim_to_flag() -> None:
    text = (
        "Editor’s note: Sales rose by 5% after this article was published.\n\n"
        "Correction: The company cut 500 jobs, not 5,000, and sales fell by 3%.\n\n"
        "Update: Sales rose by 5% last year.\n\n"
        "Analysis: Sales rose by 5% last year.\n"
    )
    # other labels open no note, and a label that is a cue word ("analysis") is no cue
    assert found(text, "unattributed-claim") == [
        "Update: Sales rose by 5% last year.",
        "Analysis: Sales rose by 5% last year.",
    ]


def test_a_cue_ending_a_paragraph_with_a_colon_covers_the_next_paragraph() -> None:
    text = (
        "Limbaugh added:\n\n"
        "She can't win this without the referee. Her support fell by 12% in a week.\n\n"
        "Turnout rose by 5% on the day.\n"
    )
    assert _sourcing(text) == [(True, "Limbaugh")] * 3 + [(False, None)]
    assert found(text, "unattributed-claim") == ["Turnout rose by 5% on the day."]
    # a colon with no cue introduces nothing, nor does a cue whose colon is mid-paragraph
    assert found("Over the year:\n\nPrices rose by 40%.\n", "unattributed-claim") != []
    unsourced = "He said this: it is over. Then he left.\n\nPrices rose by 40%.\n"
    assert found(unsourced, "unattributed-claim") == ["Prices rose by 40%."]


def test_vague_patterns_find_unnamed_groups_and_a_bad_one_names_its_line(
    tmp_path: Path,
) -> None:
    found = lint_text(
        "Critics have long argued that the tax is unfair. Some experts say it will go. "
        "Many feared dead after the flood. The survey found that many said prices rose.\n",
        rules=shipped_rules(),
    )
    vague = [f.match for f in found if f.rule == "attribution.vague-source"]
    assert vague == ["Critics have long argued", "experts say"]  # one finding per span
    pack = (Path(__file__).parent.parent / "rules" / "attribution.yaml").read_text()
    start = pack.index("    vague_groups:\n")
    bad = pack[:start] + '    vague_patterns:\n      - "(?i)critics (say"\n' + pack[start:]
    line = bad[:start].count("\n") + 2
    write(tmp_path / "attribution.yaml", bad)
    copy_pack_files(tmp_path)
    for beside in ("attribution-cues.txt", "attribution-cue-model.tsv"):
        write(tmp_path / beside, (Path(__file__).parent.parent / "rules" / beside).read_text())
    write(tmp_path / ".copydesk.yaml", "packs: [attribution.yaml]\n")
    article = write(tmp_path / "a.txt", "Prices rose.\n")
    result = run_cli("check", str(article))
    assert result.code == 2
    assert f"{tmp_path / 'attribution.yaml'}:{line}:" in result.err
    assert "'vague_patterns' has a regex that does not compile" in result.err


def test_a_newsroom_extends_the_word_lists_from_files_beside_its_pack(tmp_path: Path) -> None:
    copy_pack_files(tmp_path)
    pack = (Path(__file__).parent.parent / "rules" / "attribution.yaml").read_text()
    write(tmp_path / "attribution.yaml", pack)
    for name in ("attribution-cues-listed.txt", "attribution-noun-cues.txt"):
        with (tmp_path / name).open("a", encoding="utf-8") as listed:
            listed.write("dossier\n")
    write(tmp_path / "attribution-documents.txt", "dossier\nreport\n")
    write(tmp_path / ".copydesk.yaml", "packs: [attribution.yaml]\n")
    article = write(tmp_path / "a.txt", "The leaked dossier shows the scheme cost £2bn.\n")
    result = run_cli("sources", "-f", "json", str(article))
    [sentence] = json.loads(result.out)["files"][0]["sentences"]
    assert (sentence["cue"], sentence["source"]) == ("dossier", "The leaked dossier")
    (tmp_path / "attribution-documents.txt").unlink()
    missing = run_cli("check", str(article))
    assert missing.code == 2 and "attribution-documents.txt" in missing.err


def test_a_lexicon_without_the_newer_lists_reads_the_shipped_ones(tmp_path: Path) -> None:
    copy_pack_files(tmp_path)
    pack = (Path(__file__).parent.parent / "rules" / "attribution.yaml").read_text()
    for key in ("noun_cues", "documents", "group_nouns"):
        start = pack.index(f"    {key}:")
        pack = pack[:start] + pack[pack.index("\n", start) + 1 :]
    write(tmp_path / "attribution.yaml", pack)
    write(tmp_path / ".copydesk.yaml", "packs: [attribution.yaml]\n")
    article = write(tmp_path / "a.txt", "The new survey found that prices rose by 5%.\n")
    result = run_cli("sources", "-f", "json", str(article))
    [sentence] = json.loads(result.out)["files"][0]["sentences"]
    assert sentence["source"] == "The new survey"


def test_a_word_list_reference_must_name_a_file(tmp_path: Path) -> None:
    copy_pack_files(tmp_path)
    pack = (Path(__file__).parent.parent / "rules" / "attribution.yaml").read_text()
    bad = pack.replace("labels: {file: attribution-labels.txt}", "labels: {path: labels.txt}")
    write(tmp_path / "attribution.yaml", bad)
    write(tmp_path / ".copydesk.yaml", "packs: [attribution.yaml]\n")
    article = write(tmp_path / "a.txt", "Prices rose.\n")
    result = run_cli("check", str(article))
    line = bad[: bad.index("labels: {path")].count("\n") + 1
    assert result.code == 2 and f"attribution.yaml:{line}:" in result.err
    assert "unknown key 'path'" in result.err
