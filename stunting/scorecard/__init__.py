"""The quarterly marking (Formulir 3A / 3B, PAUD) and the Scorecard Konvergensi (Format 4).

`rules` holds the versioned rule sets (thresholds as data), `marking` applies one rule set to
one target's monthly facts (pure Python, no database), and `compute` reads a kelurahan-quarter
from the database in a fixed number of queries and summarises it into the five tables.
"""
