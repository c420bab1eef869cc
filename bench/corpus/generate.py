#!/usr/bin/env python3
"""Deterministic synthetic seeds folder: N Markdown articles (~600 words: headings, quotes, lists, links,
tags) by several authors, in NewsFeed's seed format. Same N, same bytes, every run.

    python3 bench/corpus/generate.py 10000 /tmp/corpus-10000
"""
import random
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

WORDS = ("city council budget river bridge school teachers housing market energy prices winter grid rail "
         "station harbour festival library museum hospital nurses doctors farmers harvest weather storm "
         "election mayor district residents survey report data analysis transport cycling parking park "
         "water supply tax reform court ruling appeal police safety fire service volunteers community "
         "startup jobs wages factory export import tourism hotel airport flight delay strike union talks "
         "agreement research university students science climate forest coast fishing port road repairs").split()
SECTIONS = ["News", "Business", "Culture", "Science", "Sport", "Opinion"]
AUTHORS = [("maya-okafor", "Maya Okafor"), ("tomas-berg", "Tomás Berg"), ("lena-fischer", "Lena Fischer"),
           ("arjun-mehta", "Arjun Mehta"), ("sofia-rossi", "Sofia Rossi"), ("kenji-sato", "Kenji Sato"),
           ("amara-diallo", "Amara Diallo"), ("olga-kovalenko", "Olga Kovalenko")]
TAGS = [f"Topic {i}" for i in range(1, 121)]


def sentence(rng, lo=8, hi=18):
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    return " ".join(words).capitalize() + "."


def paragraph(rng):
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 5)))


def body(rng, n, slugs):
    parts, words = [], 0
    while words < 600:
        kind = rng.random()
        if kind < 0.12:
            text = "## " + sentence(rng, 3, 6).rstrip(".")
        elif kind < 0.22:
            text = "> " + sentence(rng, 10, 20) + " said " + rng.choice(AUTHORS)[1] + "."
        elif kind < 0.30:
            text = "\n".join("- " + sentence(rng, 4, 9) for _ in range(3))
        else:
            text = paragraph(rng)
            if slugs and rng.random() < 0.5:
                text += f" See [{rng.choice(WORDS)} coverage](/articles/{rng.choice(slugs)})"
                text += f" and the [official notice](https://example.org/{rng.choice(WORDS)}/{n})."
        words += len(text.split())
        parts.append(text)
    return "\n\n".join(parts)


def main():
    n, out = int(sys.argv[1]), Path(sys.argv[2])
    rng = random.Random(20251125 + n)
    (out / "authors").mkdir(parents=True, exist_ok=True)
    for slug, name in AUTHORS:
        (out / "authors" / f"{slug}.md").write_text(
            f"---\nname: {name}\njob_title: Reporter\n---\n{name} covers {rng.choice(WORDS)} and {rng.choice(WORDS)}.\n",
            encoding="utf-8")
    start = datetime(2020, 1, 1, tzinfo=timezone.utc)
    slugs = []
    for i in range(1, n + 1):
        slug = f"article-{i:06d}-{rng.choice(WORDS)}-{rng.choice(WORDS)}"
        published = start + timedelta(minutes=137 * i)
        headline = sentence(rng, 5, 10).rstrip(".")
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
