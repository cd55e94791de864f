"""Command line as a module: `python -m kg.cli ...` is `kg ...`."""

from kg.cli import main

main()
