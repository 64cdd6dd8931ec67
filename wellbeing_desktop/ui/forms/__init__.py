"""The forms a manager fills in: supervision, caseloads, check-ins and signposting.

Each form is a ``QDialog`` built as ``Form(db, *, parent=None, today=None, ...)`` that
emits ``saved`` after a successful save; widgets collect and show, services decide.
"""
