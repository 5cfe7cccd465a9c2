"""Text helpers shared by the apps: the folded form that search and the vocabulary compare on."""

import re
import unicodedata

# Characters a reader cannot see, that copy and paste brings along: zero-width spaces and
# joiners, the word joiner, the byte order mark, the soft hyphen.
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# The accents NFKD takes apart from Latin letters: combining marks all (U+034F, the
# grapheme joiner, is not one). Dropped with a regex, far cheaper than testing each
# character in Python, which showed in the search's profile. Any other is looked for
# among the few distinct characters left outside ASCII (œ, ·, ’…).
LATIN_ACCENTS = re.compile("[\u0300-\u034e\u0350-\u036f]")
NON_ASCII = re.compile("[^\x00-\x7f]")


def normalise(text: str) -> str:
    """Lower-case, accent-free, single-spaced, without invisible characters.

    The form search compares on, stored beside the original text so that SQLite
    and PostgreSQL can both match "epanouissement" against "épanouissement"; and
    the key by which the vocabulary tells "Écoute active" from "Ecoute  active"
    (no-break space, decomposed accents, a zero-width space) — that is, not at all.
    """
    if text.isascii():  # no accent, invisible character or ’: lower-casing is all there is
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", INVISIBLE.sub("", text).casefold())
    stripped = LATIN_ACCENTS.sub("", decomposed)
    if any(unicodedata.combining(char) for char in set(NON_ASCII.findall(stripped))):
        stripped = "".join(char for char in stripped if not unicodedata.combining(char))
    return " ".join(stripped.replace("’", "'").split())


# Small words the French text search configuration ignores; the SQLite
# fallback drops them too so both backends ask for the same words.
_STOPWORD_TEXT = (
    "a au aux avec ce ces d dans de des du elle en et il l la le les leur lui ma mais me "
    "meme mes mon ne nos notre nous on ou par pas pour qu que qui s sa se ses son sur ta "
    "te tes toi ton tu un une vos votre vous y"
)
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

# Longest first: the first suffix that leaves a stem of at least MIN_STEM letters wins.
SUFFIXES = ("issements", "issement", "ements", "ement", "ations", "ation", "ments", "ment")
MIN_STEM = 4


def terms(text: str) -> list[str]:
    """The words of a query as search compares them: normalised, no stopwords."""
    return [word for word in re.findall(r"[a-z0-9]+", normalise(text)) if word not in STOPWORDS]


def stem(word: str) -> str:
    """A light French stemmer: plural, feminine -e and a few noun suffixes.

    "logistiques" and "logistique" both give "logistiqu"; since the fallback
    search looks for the stem as a substring of the normalised text, every
    inflection that starts with the stem is found.
    """
    if len(word) <= MIN_STEM:
        return word
    if word.endswith("aux"):
        word = word[:-3] + "al"
    elif word[-1] in "sx":
        word = word[:-1]
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    if word.endswith("e") and len(word) > MIN_STEM + 1:
        word = word[:-1]
    return word
