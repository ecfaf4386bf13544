"""The national-scale benchmark dataset that `generate_scale` writes: the groups app's members and
groups (a package of its own), then each other app's rows over those groups."""
