"""dhtc-tui: the Durham Human Trafficking Coalition's meeting console."""

__version__ = "0.1.0"
