"""People as callers give them: names and their pinyin, surnames, phone numbers, units,
temperaments, and the terms a resident is found by."""
