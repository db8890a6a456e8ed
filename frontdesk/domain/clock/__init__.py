"""Time as the counter keeps it: working hours and callable windows, moments as typed, months, and
dates in words."""
