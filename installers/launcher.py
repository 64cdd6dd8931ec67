"""Entry script of the frozen app: the same ``main()`` as the ``wellbeing-desktop`` command.

PyInstaller runs this file as ``__main__``; everything else is imported from the
package, so the frozen app and the app run from source share every line of code.
"""

import sys

from wellbeing_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
