"""Mingle's solver: who can help whom (with reasons) and the plan of conversation rounds.

Pure Python and OR-Tools; it never imports the web service.
"""
