"""Import of .xlsx/.csv registers (header detection, synonym mapping, dry run) and export."""
