"""sinovda.cli."""
