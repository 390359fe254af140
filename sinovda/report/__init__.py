"""sinovda.report."""
