"""Made-up data to see and measure Groundwork with: the demo alliance (`load_demo`, loaded by
`make run`) and the national-scale benchmark dataset (`generate_scale`).

It sits at the right end of the import order: it calls every app's actions and models directly,
in a readable order, and nothing imports it (tests/test_architecture.py holds both).
"""
