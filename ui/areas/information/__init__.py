"""The information tab (ui.areas.information.tab.TAB)."""
