"""Stunting targets (families, persons, pregnancies) and their monthly monitoring."""

from .measurement import *  # noqa: F403
from .monitoring import *  # noqa: F403
from .scorecard import *  # noqa: F403
from .targets import *  # noqa: F403
