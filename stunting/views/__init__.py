"""Views of the stunting app, by topic."""
