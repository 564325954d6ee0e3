"""The search's "Did you mean": the query with each word the portal does not hold replaced by
the nearest word it does hold, written as the portal holds it ("Kuramoto", not "kuramoto").
Case and accents aside, a word the portal holds is left as typed: "Viet" is "Việt"."""

import difflib

from django.db import connections

from core.models import Synonym

from .query import STOP_WORDS, WORD_RE, clean_query, fold

# "Did you mean": a query word the portal does not hold is replaced by the nearest word it
# does hold: PostgreSQL finds it with pg_trgm's trigram similarity (migration
# core/0002_search_configuration), SQLite with difflib, over the same words. The words are
# split from the columns the caller names, at every call: name columns of tables that grow
# slowly (names, meeting titles), never the texts that grow with the records (0.7 s for the
# titles alone of 100,000 initiatives). Shorter words are left alone: "AI" or "VR" have too
# few letters to be told from a typo.
SUGGEST_MIN_LENGTH = 4
# difflib's similarity ratio a suggestion needs on SQLite; pg_trgm's `%` uses its own
# threshold (pg_trgm.similarity_threshold, 0.3). At 0.75 "viet" became "vice" (0.75; 0.25 by
# trigrams); one letter wrong or swapped in a word of six letters or more stays above 0.8.
SUGGEST_CUTOFF = 0.8


def suggest(query, sources):
    """The query with each word the portal does not hold replaced by the nearest word it does
    hold, or "" when no word changed. `sources` are (queryset, column names) pairs, querysets
    of what the public may see (`published()`), so a draft's words are never suggested; the
    synonyms' words always count."""
    query = clean_query(query)
    words = [fold(word) for word in WORD_RE.findall(query)]
    unknown = [
        w for w in dict.fromkeys(words) if len(w) >= SUGGEST_MIN_LENGTH and w not in STOP_WORDS
    ]
    if not unknown or not sources:
        return ""
    columns = [(queryset, name) for queryset, names in sources for name in names]
    if connections[columns[0][0].db].vendor == "postgresql":
        nearest = _postgres_nearest(unknown, columns)
    else:
        nearest = _sqlite_nearest(unknown, columns)
    # A word the portal holds in another case or with accents stays as typed.
    nearest = {word: near for word, near in nearest.items() if fold(near) != word}
    if not nearest:
        return ""
    # In place, so the quotes, `or` and `-` of the query stay as they were typed.
    return WORD_RE.sub(lambda match: nearest.get(fold(match[0]), match[0]), query)


def _as_held(forms):
    """The form to suggest of a word held in several: lower-case if the portal writes it so
    anywhere ("training", not the "Training" that starts a title), else the commonest."""
    lower = [form for form in forms if form == form.lower()]
    return lower[0] if lower else max(set(forms), key=forms.count)


def _synonym_words():
    return [
        word
        for group in Synonym.objects.groups()
        for term in group
        for word in WORD_RE.findall(term)
    ]


def _sqlite_nearest(unknown, columns):
    forms = {}
    words = _synonym_words()
    for queryset, name in columns:
        for text in queryset.values_list(name, flat=True).iterator():
            words += WORD_RE.findall(text or "")
    for word in words:
        forms.setdefault(fold(word), []).append(word)
    nearest = {}
    for word in unknown:
        if word not in forms:
            matches = difflib.get_close_matches(word, forms, n=1, cutoff=SUGGEST_CUTOFF)
            if matches:
                nearest[word] = _as_held(forms[matches[0]])
    return nearest


def _postgres_nearest(unknown, columns):
    """One query per unknown word over the words of every column, split in the database."""
    texts, params = [], []
    for queryset, name in columns:
        sql, column_params = queryset.order_by().values_list(name).query.sql_with_params()
        texts.append(f"SELECT text FROM ({sql}) AS column_{len(texts)}(text)")
        params += column_params
    texts.append("SELECT unnest(%s::text[])")
    params.append(_synonym_words())
    words = (
        "SELECT DISTINCT word, lower(unaccent(word)) AS folded FROM "
        f"(SELECT regexp_split_to_table(text, '[^[:alnum:]]+') AS word "
        f"FROM ({' UNION ALL '.join(texts)}) AS texts(text)) AS split"
    )
    nearest = {}
    with connections[columns[0][0].db].cursor() as cursor:
        for word in unknown:
            # The nearest word, lower-case where the portal writes it so anywhere.
            cursor.execute(
                f"SELECT word FROM ({words}) AS vocabulary WHERE folded %% %s "
                "ORDER BY similarity(folded, %s) DESC, folded, word <> lower(word), word LIMIT 1",
                (*params, word, word),
            )
            row = cursor.fetchone()
            if row:
                nearest[word] = row[0]
    return nearest
