#!/usr/bin/env python3
"""Deterministic synthetic seeds folder: N Markdown articles (~600 words: headings, quotes, lists, links,
tags) by several authors, in NewsFeed's seed format. Same N, same bytes, every run.

    python3 bench/corpus/generate.py 10000 /tmp/corpus-10000

Words follow a Zipf-like distribution over a vocabulary of 6,000: English function words are the most
frequent, a few hundred neutral English nouns sit among the common and middle ranks, and the long tail is
made-up pronounceable words. So, as in real text, a common word is in nearly every article and most words
are in a few percent of them; a search for one middle-rank word finds hundreds of articles, not all of them.
"""
import itertools
import random
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

# The most frequent ranks, in this order (function words head every English frequency list).
FUNCTION = ("the of and to in a is that for on with as was at by from it be this are has an which or were "
            "their its not but have will been after more about than also new other over into they who two "
            "last three one some could would when year there first because up out many most only under while "
            "before between during since both each these").split()
# Neutral English nouns and verbs, spread over the common and middle ranks.
ENGLISH = ("city council budget river bridge school teachers housing market energy prices winter grid rail "
           "station harbour festival library museum hospital nurses doctors farmers harvest weather storm "
           "election mayor district residents survey report data analysis transport cycling parking park "
           "water supply tax reform court ruling appeal police safety fire service volunteers community "
           "startup jobs wages factory export import tourism hotel airport flight delay strike union talks "
           "agreement research university students science climate forest coast fishing port road repairs "
           "morning evening week month plan project building street centre office committee meeting figure "
           "number increase share price cost fund grant scheme board member chair group team club match "
           "season garden bus tram ferry tunnel canal lake valley hill island village town county region "
           "border bakery orchard vineyard dairy timber quarry mill warehouse workshop studio theatre "
           "concert choir orchestra gallery exhibition painting sculpture novel poetry archive record "
           "recipe kitchen menu market stall lighthouse pier beach dune cliff meadow pasture barn tractor "
           "engine turbine battery solar wind heat pump insulation boiler pipe cable signal network "
           "software hardware laptop phone broadband satellite telescope laboratory experiment sample "
           "microscope vaccine clinic pharmacy patient ambulance surgery ward shift rota payroll pension "
           "savings loan mortgage rent tenant landlord lease permit licence inspection audit ledger invoice "
           "contract tender supplier customer retailer shop queue delivery parcel courier van lorry freight "
           "container crane dock canal lock towpath footpath trail route junction roundabout crossing "
           "pavement lamp bench fountain square plaza tower spire chapel hall pavilion stadium pitch "
           "referee coach player league trophy medal race marathon sprint rowing sailing regatta swimming "
           "pool gym yoga chess puzzle quiz lottery raffle charity donation volunteer shelter pantry "
           "allotment greenhouse seedling compost beehive honey apple pear plum cherry wheat barley oats "
           "flour bread cheese butter milk eggs salt pepper tea coffee juice soup stew pie cake biscuit").split()
VOCABULARY_SIZE = 6000
ZIPF_EXPONENT = 1.0

SECTIONS = ["News", "Business", "Culture", "Science", "Sport", "Opinion"]
AUTHORS = [("maya-okafor", "Maya Okafor"), ("tomas-berg", "Tomás Berg"), ("lena-fischer", "Lena Fischer"),
           ("arjun-mehta", "Arjun Mehta"), ("sofia-rossi", "Sofia Rossi"), ("kenji-sato", "Kenji Sato"),
           ("amara-diallo", "Amara Diallo"), ("olga-kovalenko", "Olga Kovalenko")]
TAGS = [f"Topic {i}" for i in range(1, 121)]


def made_up_words(rng, taken):
    """Pronounceable words of two or three syllables, none of them an English word of the lists above."""
    onsets = "b d f g h k l m n p r s t v w z b d k l m n p r s t br ch dr gr pl sh st tr".split()
    vowels = "a e i o u a e i o u ai ea oo ou".split()
    codas = ["", "", "", "", "n", "r", "s", "l", "m", "t", "nd", "st"]
    while True:
        syllables = rng.choice((2, 2, 2, 3))
        word = "".join(rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas) for _ in range(syllables))
        if word not in taken:
            taken.add(word)
            yield word


def vocabulary():
    """The words by rank, most frequent first: the same list for every N."""
    rng = random.Random(6000)
    english = [w for w in dict.fromkeys(ENGLISH) if w not in FUNCTION]
    rng.shuffle(english)
    taken = set(FUNCTION) | set(english)
    made_up = made_up_words(rng, taken)
    words = list(FUNCTION)
    # Every fourth rank after the function words is an English word, until they run out.
    while len(words) < VOCABULARY_SIZE:
        rank = len(words) - len(FUNCTION)
        words.append(english.pop() if english and rank % 4 == 0 else next(made_up))
    return words


WORDS = vocabulary()
CONTENT = WORDS[len(FUNCTION):]
WEIGHTS = list(itertools.accumulate(1 / r ** ZIPF_EXPONENT for r in range(1, len(WORDS) + 1)))
CONTENT_WEIGHTS = list(itertools.accumulate(1 / r ** ZIPF_EXPONENT for r in range(len(FUNCTION) + 1, len(WORDS) + 1)))


def sentence(rng, lo=8, hi=18):
    words = rng.choices(WORDS, cum_weights=WEIGHTS, k=rng.randint(lo, hi))
    return " ".join(words).capitalize() + "."


def title(rng, lo, hi):
    """Headlines and link texts: mostly content words, as in real headlines."""
    return " ".join(rng.choices(CONTENT, cum_weights=CONTENT_WEIGHTS, k=rng.randint(lo, hi))).capitalize()


def content_word(rng):
    return rng.choices(CONTENT, cum_weights=CONTENT_WEIGHTS)[0]


def paragraph(rng):
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 5)))


def body(rng, n, slugs):
    parts, words = [], 0
    while words < 600:
        kind = rng.random()
        if kind < 0.12:
            text = "## " + title(rng, 3, 6)
        elif kind < 0.22:
            text = "> " + sentence(rng, 10, 20) + " said " + rng.choice(AUTHORS)[1] + "."
        elif kind < 0.30:
            text = "\n".join("- " + sentence(rng, 4, 9) for _ in range(3))
        else:
            text = paragraph(rng)
            if slugs and rng.random() < 0.5:
                text += f" See [{content_word(rng)} coverage](/articles/{rng.choice(slugs)})"
                text += f" and the [official notice](https://example.org/{content_word(rng)}/{n})."
        words += len(text.split())
        parts.append(text)
    return "\n\n".join(parts)


def main():
    n, out = int(sys.argv[1]), Path(sys.argv[2])
    rng = random.Random(20251125 + n)
    (out / "authors").mkdir(parents=True, exist_ok=True)
    for slug, name in AUTHORS:
        (out / "authors" / f"{slug}.md").write_text(
            f"---\nname: {name}\njob_title: Reporter\n---\n{name} covers {content_word(rng)} and {content_word(rng)}.\n",
            encoding="utf-8")
    start = datetime(2020, 1, 1, tzinfo=timezone.utc)
    slugs = []
    for i in range(1, n + 1):
        slug = f"article-{i:06d}-{content_word(rng)}-{content_word(rng)}"
        published = start + timedelta(minutes=137 * i)
        headline = title(rng, 5, 10)
        tags = sorted(set(rng.sample(TAGS, rng.randint(1, 4))), key=TAGS.index)
        text = (
            "---\n"
            f"headline: \"{headline}\"\n"
            f"slug: {slug}\n"
            f"dek: \"{sentence(rng, 12, 20)}\"\n"
            f"published: {published:%Y-%m-%dT%H:%M:%SZ}\n"
            f"author: {rng.choice(AUTHORS)[0]}\n"
            f"section: {rng.choice(SECTIONS)}\n"
            f"tags: [{', '.join(tags)}]\n"
            "---\n"
            + body(rng, i, slugs[-50:]) + "\n")
        (out / f"{slug}.md").write_text(text, encoding="utf-8")
        slugs.append(slug)
    print(f"{n} articles in {out}")


if __name__ == "__main__":
    main()
