"""Forms of the stunting app, by topic: the register (targets) and monthly monitoring."""

from .fieldwork import *  # noqa: F403
from .imports import *  # noqa: F403
from .monitoring import *  # noqa: F403
from .posyandu import *  # noqa: F403
from .scorecard import *  # noqa: F403
from .targets import *  # noqa: F403
