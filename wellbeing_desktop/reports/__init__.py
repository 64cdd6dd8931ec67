"""Reports: reportlab only. They read service results and draw; no business rules here."""
