"""Services: the rules, in plain Python (no Qt). They return frozen dataclasses."""
