"""Demo data of kpm (`manage.py seed_demo`): the cadre register first, then the meetings,
then the programmes and tasks, then the KPM's budget, then the equipment of posyandu and PAUD."""

from .anggaran import seed_demo as seed_anggaran_demo
from .kader import seed_demo as seed_kader_demo
from .peralatan import seed_demo as seed_peralatan_demo
from .rapat import seed_demo as seed_rapat_demo
from .tugas import seed_demo as seed_tugas_demo


def seed_demo(*, stdout, force: bool = False) -> None:
    seed_kader_demo(stdout=stdout)
    seed_rapat_demo(stdout=stdout)
    seed_tugas_demo(stdout=stdout)
    seed_anggaran_demo(stdout=stdout)
    seed_peralatan_demo(stdout=stdout)
