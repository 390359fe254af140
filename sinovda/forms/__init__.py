"""sinovda.forms."""
