"""The upper bound: a GLOP linear program on candidate pairs (``lp``), tightened by triangles for trios (``trio``)."""
