"""KPM models, by topic: cadres, SK and working relations (kader); meetings (rapat)."""

from .kader import *  # noqa: F403
from .rapat import *  # noqa: F403
