"""sinovda.data."""
