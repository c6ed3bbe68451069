"""The supervision tab (ui.areas.supervision.tab.TAB)."""
