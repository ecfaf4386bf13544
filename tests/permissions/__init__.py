"""The permission matrix: every URL of the project, for every member of the cast.

matrix.py puts together one flat table (MATRIX) from the rows each feature keeps in its own
module here (members.py, groups.py, democracy.py, ...); cells.py holds the columns and the cells
they are written with, world.py the world they are checked in. The tests are test_*.py.
"""
