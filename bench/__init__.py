"""Benchmarks of the till: `make bench` runs every `bench/bench_*.py` and writes bench/README.md."""
