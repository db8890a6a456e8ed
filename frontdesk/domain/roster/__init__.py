"""An estate's resident roster (业主名册) as rows: which column holds what, and each row read into a
card."""
