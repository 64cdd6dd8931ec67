"""`python -m wellbeing_desktop`."""

import sys

from wellbeing_desktop.cli import main

sys.exit(main())
