"""sinovda.hub."""
