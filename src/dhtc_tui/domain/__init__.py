"""The coalition's rules, in plain Python.

Nothing here imports Textual, TinyDB or python-docx (a test checks it).
"""
