"""sinovda.store."""
