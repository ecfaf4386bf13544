"""Area names as files write them, made comparable: the importer resolves a folded name against
the AreaName table (which holds names folded by the same `fold`), and reports every name that
is not there; nothing here guesses."""

import re
import unicodedata

# A bilingual name gives the English first, then the Welsh, split by a spaced slash
# ("Cardiff / Caerdydd"), as DWP's Stat-Xplore and the Welsh Government write them.
BILINGUAL_SEPARATOR = re.compile(r"\s+/\s+")
# Apostrophes join ("King's Lynn" → "kings lynn"); other punctuation separates words.
APOSTROPHES = re.compile(r"['’‘`]")
NOT_A_WORD = re.compile(r"[^0-9a-z]+")
AMPERSAND = re.compile(r"\s*&\s*")


def fold(name: str) -> str:
    """The name in lower case without accents, "&" written "and", punctuation and runs of
    whitespace made single spaces: "Stockton-on-Tees", "STOCKTON ON TEES" fold alike."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    text = AMPERSAND.sub(" and ", plain.casefold())
    text = APOSTROPHES.sub("", text)
    return NOT_A_WORD.sub(" ", text).strip()


def split_bilingual(name: str) -> tuple[str, str]:
    """The English and the Welsh name of "Cardiff / Caerdydd"; ("Belfast", "") for one name."""
    parts = BILINGUAL_SEPARATOR.split(name.strip(), maxsplit=1)
    if len(parts) == 2 and parts[0] and parts[1]:
        return parts[0].strip(), parts[1].strip()
    return name.strip(), ""
