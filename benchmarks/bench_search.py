"""Search latency on a record of a million statements, on SQLite and on PostgreSQL.

Usage (from the repository root)::

    python benchmarks/bench_search.py --data ../shared/data/polnear
    python benchmarks/bench_search.py --data ../shared/data/polnear --backends sqlite --keep

1. A record is generated straight into the store's tables (the migrations create them,
   the rows go in by bulk SQL: ``executemany`` on SQLite, ``COPY`` on PostgreSQL, the
   full-text index filled by the store's own triggers or generated column): 50,000
   articles over ten years and twenty outlets, 5,000 speakers (a few quoted often, most
   rarely, as in the news) with parties, and 1,000,000 statements whose content is a
   sentence of the PolNeAR train texts, so words have the frequencies of real news.
2. A fixed mix of searches runs through ``Store.search``, exactly as ``onrecord search``
   and the web API run them: words only, words with a party or a speaker, kind and date
   without words, a rare word, a very common word, its first page and a deep page, a
   person's page and an article's page. Each runs once to warm the caches, then
   ``--repeat`` times timed.
3. One table per backend shows each search's p50 and max, and all searches' p50, p95
   and max; the last line says whether p95 is under the 50 ms target.

The SQLite file (``--sqlite``, in /tmp) and the PostgreSQL database (``onrecord_bench``)
are reused when they already hold the record (``--keep`` leaves them; without it they
are deleted after the run), so the searches can be timed again without regenerating.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import json
import random
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from rich.console import Console
from rich.table import Table

from onrecord.store import SearchQuery, Store, names

POSTGRES_DATABASE = "onrecord_bench"
TARGET_P95_MS = 50.0
PARTIES = ("Labour", "Conservative", "Liberal Democrats", "SNP", "Green", "Reform UK", "Plaid Cymru", None)
PARTY_WEIGHTS = (35, 33, 10, 6, 5, 5, 2, 4)
KINDS = ("direct", "indirect", "mixed")
KIND_WEIGHTS = (45, 45, 10)
OUTLETS = tuple(f"Outlet {letter}" for letter in "ABCDEFGHIJKLMNOPQRST")
FIRST_NAMES = ("Alice Ben Carla Dev Ellen Farid Grace Hugo Isla Jonas Kira Liam Maya Nadia Owen Priya Quinn Rosa "
               "Sam Tara Umar Vera Will Yara Zoe Aled Bryony Callum Deepa Eamon").split()
SURNAME_STARTS = "Ash Brad Carr Dun Elm Fair Gold Hart Ives Kings Lang Marsh Nor Oak Pem Rad Stan Thorn Wal Whit".split()
SURNAME_ENDS = "by ford ley ton well wood field more croft hurst".split()
FIRST_DATE = dt.date(2015, 1, 1)
DAYS = 3653
SPEAKERLESS_SHARE = 0.08
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[a-z]+")
CONSOLE = Console()


@dataclass(frozen=True, slots=True)
class Speaker:
    """A generated speaker entity."""

    id: int
    name: str
    type: str
    party: str | None


@dataclass(frozen=True, slots=True)
class Corpus:
    """What the generated record is built from: sentences and speakers."""

    sentences: list[str]
    speakers: list[Speaker]


def read_sentences(data: Path) -> list[str]:
    """The sentences of the PolNeAR train texts of 5 to 60 words, in file order."""
    paths = sorted((data / "train" / "text").glob("*.txt"))
    if not paths:
        raise SystemExit(f"{data}/train/text: no .txt files; pass --data pointing at the PolNeAR folder")
    sentences = []
    for path in paths:
        for paragraph in path.read_text(encoding="utf-8").split("\n"):
            sentences.extend(s for s in _SENTENCE_END.split(paragraph.strip()) if 5 <= len(s.split()) <= 60)
    return sentences


def make_speakers(count: int, rng: random.Random) -> list[Speaker]:
    """``count`` speakers with distinct names; one in ten an organisation, most with a party."""
    surnames = [start + end for start in SURNAME_STARTS for end in SURNAME_ENDS]
    full_names = [f"{first} {surname}" for surname in surnames for first in FIRST_NAMES]
    rng.shuffle(full_names)
    if count > len(full_names):
        raise SystemExit(f"--speakers {count}: at most {len(full_names)} distinct generated names")
    speakers = []
    for number, name in enumerate(full_names[:count], start=1):
        kind = "organisation" if number % 10 == 0 else "person"
        party = rng.choices(PARTIES, PARTY_WEIGHTS)[0]
        speakers.append(Speaker(number, f"{name} Trust" if kind == "organisation" else name, kind, party))
    return speakers


def article_rows(count: int, corpus: Corpus, rng: random.Random) -> Iterator[tuple[Any, ...]]:
    """Articles in publication order (ids grow with dates, as a steady crawl gives)."""
    dates = sorted(FIRST_DATE + dt.timedelta(days=rng.randrange(DAYS)) for _ in range(count))
    for number, published in enumerate(dates, start=1):
        outlet = rng.choice(OUTLETS)
        text = " ".join(rng.choices(corpus.sentences, k=3)) + f" ({number})"
        url = f"https://news.example/{outlet[-1].lower()}/{number}"
        yield (number, url, 1, f"bench-{number}", url, outlet, text.split(".")[0][:120], published, "metadata", text,
               hashlib.sha256(text.encode("utf-8")).hexdigest(), dt.datetime(2025, 1, 1, tzinfo=dt.UTC), None)


def statement_rows(total: int, articles: int, corpus: Corpus, rng: random.Random) -> Iterator[tuple[Any, ...]]:
    """``total`` statements spread evenly over the articles; speakers quoted with a long tail."""
    weights = [1 / rank**0.9 for rank in range(1, len(corpus.speakers) + 1)]
    cumulative = list(itertools.accumulate(weights))
    per_article, extra = divmod(total, articles)
    number = 0
    for article_id in range(1, articles + 1):
        for position in range(per_article + (article_id <= extra)):
            number += 1
            content = rng.choice(corpus.sentences)
            speaker = None if rng.random() < SPEAKERLESS_SHARE else rng.choices(corpus.speakers, cum_weights=cumulative)[0]
            spans = {"source": [[0, 10]], "cue": [[11, 15]], "content": [[16, 16 + len(content)]], "mentions": [[0, 10]],
                     "figures": []}
            yield (number, article_id, position, rng.choices(KINDS, KIND_WEIGHTS)[0],
                   speaker.id if speaker else None, speaker.name if speaker else None,
                   speaker.type if speaker else None, None, speaker.party if speaker else None,
                   speaker.party if speaker else None, content, "said", round(rng.uniform(0.5, 1.0), 3),
                   json.dumps(spans), None)


def entity_rows(speakers: Sequence[Speaker]) -> Iterator[tuple[Any, ...]]:
    """The speakers as entity rows."""
    created = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    for speaker in speakers:
        surname = names.surname_key(speaker.name) if speaker.type == "person" else None
        yield (speaker.id, speaker.name, names.name_key(speaker.name), surname, speaker.type, speaker.party, None,
               created)


def alias_rows(speakers: Sequence[Speaker]) -> Iterator[tuple[Any, ...]]:
    """Each speaker's full name as its alias."""
    for speaker in speakers:
        yield speaker.id, speaker.id, speaker.name, names.fold(speaker.name)


COLUMNS = {
    "articles": ("id", "key", "version", "doc_id", "url", "outlet", "title", "published", "date_from", "text",
                 "sha256", "ingested_at", "superseded_at"),
    "entities": ("id", "name", "name_key", "surname_key", "type", "party", "merged_into_id", "created_at"),
    "entity_aliases": ("id", "entity_id", "alias", "alias_key"),
    "statements": ("id", "article_id", "position", "kind", "speaker_id", "speaker_name", "speaker_type",
                   "speaker_role", "speaker_affiliation", "party", "content", "cue", "confidence", "spans", "pledge"),
}


def generate(store: Store, args: argparse.Namespace, corpus: Corpus) -> None:
    """Fill an empty record with the generated articles, entities and statements."""
    rng = random.Random(args.seed)
    tables: list[tuple[str, Iterator[tuple[Any, ...]]]] = [
        ("entities", entity_rows(corpus.speakers)),
        ("entity_aliases", alias_rows(corpus.speakers)),
        ("articles", article_rows(args.articles, corpus, rng)),
        ("statements", statement_rows(args.statements, args.articles, corpus, rng)),
    ]
    connection = store.engine.raw_connection()
    try:
        load = _load_sqlite if store.engine.dialect.name == "sqlite" else _load_postgresql
        for table, rows in tables:
            started = time.monotonic()
            load(connection, table, rows)
            CONSOLE.print(f"  {table}: loaded in {time.monotonic() - started:.0f} s")
        connection.commit()
        if store.engine.dialect.name == "postgresql":
            # Autovacuum would analyse the new rows soon; the benchmark should not race it.
            connection.driver_connection.autocommit = True
            connection.driver_connection.execute("VACUUM ANALYZE")
    finally:
        connection.close()


def _load_sqlite(connection: Any, table: str, rows: Iterator[tuple[Any, ...]]) -> None:
    """Insert ``rows`` with executemany (the FTS triggers index each statement)."""
    columns = COLUMNS[table]
    placeholders = ", ".join("?" for _ in columns)
    cursor = connection.cursor()
    cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})",
                       (tuple(_sqlite_value(value) for value in row) for row in rows))
    cursor.close()


def _sqlite_value(value: Any) -> Any:
    """Dates and times as SQLAlchemy writes them to SQLite."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _load_postgresql(connection: Any, table: str, rows: Iterator[tuple[Any, ...]]) -> None:
    """Copy ``rows`` in (the generated column computes each statement's tsvector)."""
    cursor = connection.cursor()
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, COLUMNS[table]))
    )
    with cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
    # Explicit ids leave the sequence behind; the next real ingest must not collide.
    cursor.execute(sql.SQL("SELECT setval(pg_get_serial_sequence({}, 'id'), (SELECT max(id) FROM {}))").format(
        sql.Literal(table), sql.Identifier(table)))
    cursor.close()


def search_mix(corpus: Corpus) -> list[tuple[str, SearchQuery]]:
    """The searches timed: common, middling and rare words from the sentences, filters, pages."""
    frequency = Counter(word for sentence in corpus.sentences for word in set(_WORD.findall(sentence.lower()))
                        if len(word) > 4 and word not in names.STOP_WORDS)
    ranked = frequency.most_common()
    share = {word: count / len(corpus.sentences) for word, count in ranked}
    common = ranked[0][0]
    middling = min(share, key=lambda word: abs(share[word] - 0.01))
    rare = min((word for word, count in ranked if count == 1), key=len)
    frequent_speaker = corpus.speakers[20].name
    occasional_speaker = corpus.speakers[2000].name
    return [
        (f"words: {middling!r}", SearchQuery(text=middling)),
        (f"words + party: {middling!r} Labour", SearchQuery(text=middling, party="Labour")),
        (f"words + small party: {common!r} Plaid", SearchQuery(text=common, party="Plaid Cymru")),
        (f"words + speaker: {common!r} {frequent_speaker}", SearchQuery(text=common, speaker=frequent_speaker)),
        (f"words + rare speaker: {middling!r}", SearchQuery(text=middling, speaker=occasional_speaker)),
        ("kind + since: direct 2024-06-01", SearchQuery(kind="direct", since=dt.date(2024, 6, 1))),
        ("kind + until: mixed 2015-03-01", SearchQuery(kind="mixed", until=dt.date(2015, 3, 1))),
        (f"rare word: {rare!r}", SearchQuery(text=rare)),
        (f"common word: {common!r}, page 1", SearchQuery(text=common, limit=21)),
        (f"common word: {common!r}, page 100", SearchQuery(text=common, limit=21, offset=1980)),
        ("phrase: \"prime minister\"", SearchQuery(text='"prime minister"')),
        ("person page (speaker id)", SearchQuery(speaker_id=corpus.speakers[500].id, limit=21)),
        ("article page", SearchQuery(article_id=25_000, include_superseded=True, limit=1000)),
    ]


def time_searches(store: Store, mix: list[tuple[str, SearchQuery]], repeat: int) -> dict[str, list[float]]:
    """Milliseconds of each search, ``repeat`` timed runs after one untimed."""
    timings = {}
    for label, query in mix:
        store.search(query)
        samples = []
        for _ in range(repeat):
            started = time.perf_counter()
            store.search(query)
            samples.append((time.perf_counter() - started) * 1000)
        timings[label] = samples
    return timings


def render(backend: str, statements: int, timings: dict[str, list[float]]) -> bool:
    """Print one backend's table; return whether all searches' p95 meets the target."""
    table = Table(title=f"search on {backend}: {statements:,} statements", title_justify="left")
    for column in ("search", "p50 ms", "p95 ms", "max ms"):
        table.add_column(column, justify="left" if column == "search" else "right")
    for label, samples in timings.items():
        table.add_row(label, f"{statistics.median(samples):.1f}", f"{_p95(samples):.1f}", f"{max(samples):.1f}")
    every = [sample for samples in timings.values() for sample in samples]
    table.add_section()
    table.add_row("all searches", f"{statistics.median(every):.1f}", f"{_p95(every):.1f}", f"{max(every):.1f}")
    CONSOLE.print(table)
    passed = _p95(every) < TARGET_P95_MS
    CONSOLE.print(f"{backend}: p95 {_p95(every):.1f} ms {'<' if passed else '>='} {TARGET_P95_MS:.0f} ms target")
    return passed


def _p95(samples: Sequence[float]) -> float:
    """The 95th percentile (nearest rank)."""
    ordered = sorted(samples)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def _statement_count(store: Store) -> int:
    """Statements already in the record."""
    return store.counts()["statements"]


def run_backend(backend: str, target: str, args: argparse.Namespace, corpus: Corpus) -> bool:
    """Generate (unless already there) and time one backend; return whether it met the target."""
    CONSOLE.print(f"[bold]{backend}[/bold]: {target}")
    with Store.open(target) as store:
        present = _statement_count(store)
        if present == 0:
            started = time.monotonic()
            generate(store, args, corpus)
            CONSOLE.print(f"  generated in {time.monotonic() - started:.0f} s")
        elif present != args.statements:
            raise SystemExit(f"{target} holds {present} statements, not {args.statements}; delete it first")
        else:
            CONSOLE.print(f"  reusing the {present:,} statements already there")
        timings = time_searches(store, search_mix(corpus), args.repeat)
        return render(backend, _statement_count(store), timings)


def _postgres_database(server: str, action: Callable[[Any, sql.Composable], None]) -> None:
    """Run ``action`` (create or drop) on the benchmark database through the server's admin database."""
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        action(admin, sql.Identifier(POSTGRES_DATABASE))


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/polnear"), help="the PolNeAR folder")
    parser.add_argument("--backends", nargs="+", choices=("sqlite", "postgresql"), default=["sqlite", "postgresql"])
    parser.add_argument("--sqlite", type=Path, default=Path("/tmp/onrecord-bench-search.db"))
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432", help="server URL")
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--speakers", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=20, help="timed runs of each search")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the generated records for another run")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; exit 1 when a backend misses the p95 target."""
    args = parse_args(argv)
    corpus = Corpus(read_sentences(args.data), make_speakers(args.speakers, random.Random(args.seed)))
    CONSOLE.print(f"{len(corpus.sentences):,} sentences, {len(corpus.speakers):,} speakers")
    passed = []
    for backend in args.backends:
        if backend == "sqlite":
            try:
                passed.append(run_backend(backend, str(args.sqlite), args, corpus))
            finally:
                if not args.keep:
                    for path in args.sqlite.parent.glob(f"{args.sqlite.name}*"):
                        path.unlink()
            continue
        _postgres_database(args.postgres, _create_if_missing)
        try:
            passed.append(run_backend(backend, f"{args.postgres}/{POSTGRES_DATABASE}", args, corpus))
        finally:
            if not args.keep:
                _postgres_database(args.postgres, lambda admin, name: admin.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name)))
    return 0 if all(passed) else 1


def _create_if_missing(admin: Any, name: sql.Composable) -> None:
    """Create the benchmark database unless a kept one is there."""
    exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (POSTGRES_DATABASE,)).fetchone()
    if not exists:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(name))


if __name__ == "__main__":
    sys.exit(main())
