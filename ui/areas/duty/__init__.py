"""The duty tab (ui.areas.duty.tab.TAB)."""
