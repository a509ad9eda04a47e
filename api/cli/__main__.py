"""``python -m api.cli``: the ``innograph`` command (for a checkout without the console script)."""
import sys

from api.cli import main

sys.exit(main())
