"""Stunting targets (families, persons, pregnancies), their monthly monitoring, the field work
of the cadres with them (families accompanied, home visits, task targets) and referrals to OPD."""

from .fieldwork import *  # noqa: F403
from .incentive import *  # noqa: F403
from .measurement import *  # noqa: F403
from .monitoring import *  # noqa: F403
from .referral import *  # noqa: F403
from .scorecard import *  # noqa: F403
from .targets import *  # noqa: F403
