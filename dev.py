#!/usr/bin/env python3
"""Set up a development environment and start the app or run the tests.

    python3 dev.py start [--demo] [app options]   set up, then start the app
    python3 dev.py test [pytest options]          set up, then run the whole test suite

Only the standard library is used here, so this runs on a fresh machine with
nothing but Python. It installs the Debian packages the project needs (as root,
or through sudo when that needs no password), makes a virtual environment in
.venv and installs the project into it, skipping whatever is already done.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")

# Qt's xcb platform plugin and the fonts a window needs on a bare Debian.
RUNTIME_DEBS = [
    "libxcb-icccm4", "libxcb-keysyms1", "libxkbcommon-x11-0", "libxcb-image0",
    "libxcb-render-util0", "libxcb-xinerama0", "libxcb-cursor0", "libxcb-shape0",
    "libxcb-randr0", "libegl1", "libgl1", "libfontconfig1", "libdbus-1-3", "fonts-dejavu-core",
]
# The test suite also starts a real PostgreSQL, a virtual screen, and reads PDFs back.
TEST_DEBS = [*RUNTIME_DEBS, "postgresql", "xvfb", "poppler-utils", "qpdf", "sqlcipher"]


def say(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def missing_debs(packages: list[str]) -> list[str]:
    if not shutil.which("dpkg-query"):
        return []
    missing = []
    for name in packages:
        result = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", name],
            capture_output=True, text=True, check=False,
        )
        if "install ok installed" not in result.stdout:
            missing.append(name)
    return missing


def install_debs(packages: list[str]) -> None:
    missing = missing_debs(packages)
    if not missing:
        return
    if os.geteuid() == 0:
        prefix: list[str] = []
    elif shutil.which("sudo") and subprocess.run(
        ["sudo", "-n", "true"], capture_output=True, check=False
    ).returncode == 0:
        prefix = ["sudo", "-n"]
    else:
        say("These Debian packages are missing and cannot be installed without root: "
            + " ".join(missing))
        say("Ask your administrator to run: apt-get install " + " ".join(missing))
        return
    say("Installing Debian packages: " + " ".join(missing))
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([*prefix, "apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(
        [*prefix, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
        check=True, env=env,
    )


def ensure_venv() -> None:
    python = BIN / "python"
    if python.exists():
        return
    say("Creating the virtual environment in .venv")
    result = subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=False)
    if result.returncode != 0:
        # Debian's Python keeps venv's pip bootstrap in a separate package.
        shutil.rmtree(VENV, ignore_errors=True)
        version = f"{sys.version_info.major}.{sys.version_info.minor}"
        install_debs([f"python{version}-venv"])
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)


def ensure_installed(extras: str) -> None:
    ensure_venv()
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()[:16]
    stamp = VENV / f".installed-{extras or 'app'}-{digest}"
    if stamp.exists():
        return
    say("Installing Wellbeing Desktop and its Python packages into .venv")
    target = f".[{extras}]" if extras else "."
    subprocess.run(
        [str(BIN / "python"), "-m", "pip", "install", "--disable-pip-version-check", "-q",
         "-e", target],
        cwd=ROOT, check=True,
    )
    stamp.touch()


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"start", "test"}:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "start":
        install_debs(RUNTIME_DEBS)
        ensure_installed("")
        return subprocess.run([str(BIN / "wellbeing-desktop"), *rest], check=False).returncode
    install_debs(TEST_DEBS)
    ensure_installed("test")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [str(BIN / "python"), "-m", "pytest", *rest], cwd=ROOT, env=env, check=False
    ).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
