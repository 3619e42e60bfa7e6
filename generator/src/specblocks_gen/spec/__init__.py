"""Spec models, loading and checking."""
