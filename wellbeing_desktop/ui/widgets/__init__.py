"""Small shared widgets: status badges, summary cards, a line chart, empty states."""
