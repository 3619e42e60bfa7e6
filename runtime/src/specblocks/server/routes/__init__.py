"""HTTP routes, one router per group."""
