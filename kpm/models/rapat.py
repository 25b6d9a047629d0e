"""rapat models."""

__all__: list[str] = []
