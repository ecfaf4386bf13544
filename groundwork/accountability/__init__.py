"""Accountability: positions and mandates, public representatives, votes and scorecards."""
