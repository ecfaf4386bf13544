"""Secrecy of the ballot, tested as an attacker who runs the database would break it.

`disk` decodes PostgreSQL's on-disk attribute bytes, `reading` reads every version of every row
of every table (dead ones too, through pageinspect; SQLite by rowid), `attacker` links voters to
vote content from what was read, and `scenarios` casts the votes the tests attack.
"""
