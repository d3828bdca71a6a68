"""Local demo web: sample news sites served on loopback for the demo, tests and benchmarks."""
