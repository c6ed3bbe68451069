"""The meetings tab (ui.areas.meetings.tab.TAB)."""
