"""City-scale data of kpm for the benchmark (`manage.py seed_scale`): cadres, then meetings,
then programmes and tasks, then financing, then the equipment of posyandu.

The pages measured on it are in `kpm/bench.py`.
"""

from .anggaran import seed_scale as seed_anggaran_scale
from .kader import seed_scale as seed_kader_scale
from .peralatan import seed_scale as seed_peralatan_scale
from .rapat import seed_scale as seed_rapat_scale
from .tugas import seed_scale as seed_tugas_scale


def seed_scale(*, stdout, scale: float) -> None:
    seed_kader_scale(stdout=stdout, scale=scale)
    seed_rapat_scale(stdout=stdout, scale=scale)
    seed_tugas_scale(stdout=stdout, scale=scale)
    seed_anggaran_scale(stdout=stdout, scale=scale)
    seed_peralatan_scale(stdout=stdout, scale=scale)
