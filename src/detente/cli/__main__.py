"""``python -m detente.cli``: the same app as the console script."""

from detente.cli import main

main()
