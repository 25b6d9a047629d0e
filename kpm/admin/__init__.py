from . import kader, rapat  # noqa: F401  (each module registers its models)
