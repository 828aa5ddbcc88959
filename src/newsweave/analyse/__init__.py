"""Article -> Article: one module per stage (sentences and entities, times, quotes, claims)."""

from .claims import STAGE as CLAIMS
from .entities import SENTENCES
from .entities import STAGE as ENTITIES
from .quotes import STAGE as QUOTES
from .times import STAGE as TIMES

#: Languages the analysis stages support; other articles are stored and reported, not analysed.
LANGUAGES = frozenset({"en", "und"})
ARTICLE_STAGES = (SENTENCES, ENTITIES, TIMES, QUOTES, CLAIMS)

__all__ = ["ARTICLE_STAGES", "LANGUAGES"]
