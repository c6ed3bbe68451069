"""The 电报登记 tab: the four telegram registers, their copies and the statistics."""
