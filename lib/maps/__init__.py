"""Map builders: each module returns a pydeck Deck (and an Altair version for export)."""
