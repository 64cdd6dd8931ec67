"""Print the app's runtime dependencies from pyproject.toml, one per line, for pip -r.

The installers' build environments install these (at the versions pinned in
installers/constraints.txt) but not the app itself: PyInstaller reads the app from
the checkout. Only the standard library; run it from the repository root.
"""

import tomllib

with open("pyproject.toml", "rb") as file:
    print("\n".join(tomllib.load(file)["project"]["dependencies"]))
