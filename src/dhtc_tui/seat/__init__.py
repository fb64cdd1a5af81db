"""The minute taker's notes file on disk: read, write, e-mail draft, commands."""
