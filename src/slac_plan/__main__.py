"""`python -m slac_plan` runs the `slac` command."""

from slac_plan.cli import main

main()
