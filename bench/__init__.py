"""Benchmarks of the analysis against hand labels."""
