"""The minute taker's seat: a small console on one notes file, and the
chair's dialog to hand out and merge that file."""
