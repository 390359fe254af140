"""sinovda.domain."""
