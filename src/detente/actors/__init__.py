"""Actors: the bundled knowledge base (kb), the gazetteer over it, and in-article resolution."""
