"""What people type, read the way web search engines do, and written for each engine.

`parse()` gives a ParsedQuery; `to_fts5()` and `to_tsquery()` write it for SQLite's FTS5 and
PostgreSQL's tsquery, so the rules of the query are ours, not the engines'. Imports no models:
the synonyms come in as groups of terms.
"""

import itertools
import re
import unicodedata
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery

from .index import CONFIG

# Longer queries are cut: nobody types more, and the cost of a query grows with its terms.
MAX_QUERY_LENGTH = 200
# A word, as FTS5's unicode61 tokenizer sees it: letters and digits, nothing else.
WORD_RE = re.compile(r"[^\W_]+")
# What a query is made of: a quoted phrase (the closing quote may be missing), a bare word
# with its punctuation, each maybe after a "-".
TOKEN_RE = re.compile(r'(-?)"([^"]*)"?|(\S+)')
# PostgreSQL's English stop words (tsearch_data/english.stop), dropped from queries on both
# databases: PostgreSQL never indexes them, so a query word among them would match nothing
# there and everything on SQLite. Laid out as that file reads, hence the split().
# fmt: off
STOP_WORDS = frozenset("""
i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she
her hers herself it its itself they them their theirs themselves what which who whom this that
these those am is are was were be been being have has had having do does did doing a an the
and but if or because as until while of at by for with about against between into through
during before after above below to from up down in out on off over under again further then
once here there when where why how all any both each few more most other some such no nor not
only own same so than too very s t can will just don should now
""".split())  # noqa: SIM905
# fmt: on


def clean_query(query):
    """The query as the database will see it: no NUL characters, at most MAX_QUERY_LENGTH."""
    return (query or "").replace("\x00", " ").strip()[:MAX_QUERY_LENGTH]


@dataclass(frozen=True)
class Term:
    """A word or phrase to find: `text` as typed, `words` as the engines will match them."""

    text: str
    words: tuple


@dataclass
class ParsedQuery:
    """Every group must match (each group: any of its terms); no excluded term may."""

    groups: list = field(default_factory=list)
    excluded: list = field(default_factory=list)

    def __bool__(self):
        # A query of exclusions alone would return nearly everything: it finds nothing.
        return bool(self.groups)


def words_of(text):
    """The words of `text` that a search can match: lower-case, stop words left out."""
    return tuple(word for word in WORD_RE.findall(text.lower()) if word not in STOP_WORDS)


def fold(text):
    """`text` lower-case with its accents dropped ("Việt" is "viet"), as both engines fold it."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def spells(parsed, text):
    """Whether `text` is, word for word, what the query asks for: one term of each group, in
    any order (given and family names come either way), case, accents and stop words aside.
    "e learning" spells "E-learning"; "Thai" spells "Thailand" if a synonym says so."""
    wanted = sorted(words_of(fold(text)))
    if not wanted or not parsed:
        return False
    # A few dozen choices at most: queries are short and groups small.
    for terms in itertools.islice(itertools.product(*parsed.groups), 64):
        if sorted(word for term in terms for word in words_of(fold(term.text))) == wanted:
            return True
    return False


def says(text, query):
    """Whether `text` holds the words of `query` (as typed, a string) together, in its order:
    "Customs Training Institute (CTI)" says "customs training institute"; "Customs Border
    Control Training Institute" does not. Case, accents and stop words aside."""
    wanted, words = words_of(fold(query)), words_of(fold(text))
    return bool(wanted) and any(
        words[start : start + len(wanted)] == wanted for start in range(len(words))
    )


def _term(text):
    words = tuple(WORD_RE.findall(text.lower()))
    if not words_of(text):
        return None
    return Term(text, words)


@dataclass
class _Token:
    term: Term
    negated: bool
    either: bool  # `or` came before it
    bare: bool  # typed without quotes: may make a synonym with the bare words next to it


def _tokens(query):
    tokens, either = [], False
    for negated, phrase, bare in TOKEN_RE.findall(clean_query(query)):
        if bare.lower() == "or":
            either = bool(tokens)
            continue
        if bare.startswith("-") and len(bare) > 1:
            negated, bare = "-", bare[1:]
        term = _term(bare or phrase)
        if term is not None:
            tokens.append(_Token(term, bool(negated), either, bool(bare)))
            either = False
    return tokens


def _synonym_terms(tokens, synonyms):
    """The terms of the synonym that `tokens` spell together, or None."""
    if len(tokens) > 1 and any(t.negated or t.either or not t.bare for t in tokens[1:]):
        return None
    if len(tokens) > 1 and (tokens[0].negated or not tokens[0].bare):
        return None
    key = tuple(word for token in tokens for word in words_of(token.term.text))
    texts = synonyms.get(key)
    return [Term(text, tuple(WORD_RE.findall(text.lower()))) for text in texts] if texts else None


def _joined(term):
    """A word typed with a hyphen or other punctuation inside ("Tae-il", "e-learning") also
    matches its parts written as one word ("Taeil"): romanised names are written both ways.
    Not numbers: "2021-2024" is two years, never one."""
    if len(term.words) > 1 and all(word.isalpha() for word in term.words):
        joined = "".join(term.words)
        return [Term(joined, (joined,))]
    return []


def synonym_index(groups):
    """{words of a term: every term of its groups}: a search for any term of a group finds
    all of them. `groups` as core.models.SynonymQuerySet.groups() gives them."""
    index = {}
    for group in groups:
        for term in group:
            if words_of(term):
                terms = index.setdefault(words_of(term), [])
                terms += [other for other in group if other not in terms and words_of(other)]
    return index


def parse(query, synonyms=()):
    """The query as a ParsedQuery, read as web search engines read it.

    "a b" needs both; "a or b" either (`or` binds tighter than the space: "x a or b" is x and
    one of a, b); '"a b"' the words together; "-a" excludes a. A word with punctuation inside
    ("e-learning", "A/P") is a phrase of its parts, as both engines index it, or its parts
    written as one word ("Tae-il" finds "Taeil").

    `synonyms` (groups of terms that mean the same) widen a term to its group: "VR" becomes
    "VR" or "virtual reality", and so do the two words "virtual reality" typed next to each
    other; the longest run of words that spells a synonym wins.
    """
    index = synonym_index(synonyms)
    tokens = _tokens(query)
    parsed = ParsedQuery()
    start = 0
    while start < len(tokens):
        first = tokens[start]
        end, terms = start + 1, [first.term]
        for stop in range(len(tokens), start, -1):
            expanded = _synonym_terms(tokens[start:stop], index)
            if expanded:
                end, terms = stop, expanded
                break
        if first.bare and end == start + 1:
            terms = terms + [term for term in _joined(first.term) if term not in terms]
        if first.negated:
            parsed.excluded.extend(terms)
        elif first.either and parsed.groups:
            parsed.groups[-1].extend(terms)
        else:
            parsed.groups.append(terms)
        start = end
    return parsed


def to_fts5(parsed):
    """An FTS5 MATCH expression: every term a quoted string of plain words, so it is always
    valid; FTS5 stems the words with the table's tokenizer."""

    def phrase(words):
        # Stop words at either end go, as phraseto_tsquery drops them ("Master's" is "master",
        # and finds "Masters"); those inside stay, to keep the words' distance.
        start = next(i for i, word in enumerate(words) if word not in STOP_WORDS)
        end = max(i for i, word in enumerate(words) if word not in STOP_WORDS) + 1
        return '"' + " ".join(words[start:end]) + '"'

    def any_of(terms):
        return "(" + " OR ".join(phrase(term.words) for term in terms) + ")"

    expression = " AND ".join(any_of(group) for group in parsed.groups)
    if parsed.excluded:
        expression = f"({expression}) NOT {any_of(parsed.excluded)}"
    return expression


def to_tsquery(parsed):
    """A tsquery: each term through phraseto_tsquery, which stems the words, keeps their order
    and counts the stop words between them as PostgreSQL indexed them."""

    def term_query(term, invert=False):
        return SearchQuery(term.text, config=CONFIG, search_type="phrase", invert=invert)

    query = None
    for group in parsed.groups:
        either = term_query(group[0])
        for term in group[1:]:
            either = either | term_query(term)
        query = either if query is None else query & either
    for term in parsed.excluded:
        query = query & term_query(term, invert=True)
    return query
