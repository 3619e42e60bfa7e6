"""Emitters: one per output kind."""
