"""Pairs format: each open round a maximum-weight matching (``matching``), one trio when the count is odd (``trios``), driven round by round (``rounds``)."""
