"""Wellbeing Desktop: safe caseloads, supervision and staff wellbeing for line managers."""

__version__ = "0.1.0"
APP_NAME = "Wellbeing Desktop"
