"""kader models."""

__all__: list[str] = []
