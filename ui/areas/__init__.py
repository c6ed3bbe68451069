"""One package per area tab (ui.areas.<area key>), each exposing its tab class as ``TAB``."""
