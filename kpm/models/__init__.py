"""KPM models, by topic: cadres and their SK (kader), trainings (pelatihan), working relations
(relasi); meetings (rapat), their invitees and attendance (peserta) and follow-ups
(tindak_lanjut); empowerment programmes (program) and KPM tasks (tugas); financing and
equipment (anggaran). Names follow the glossary in the README ("How the code is organised").
"""

from .anggaran import *  # noqa: F403
from .kader import *  # noqa: F403
from .pelatihan import *  # noqa: F403
from .peserta import *  # noqa: F403
from .program import *  # noqa: F403
from .rapat import *  # noqa: F403
from .relasi import *  # noqa: F403
from .tindak_lanjut import *  # noqa: F403
from .tugas import *  # noqa: F403
