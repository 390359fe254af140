"""sinovda.charts."""
