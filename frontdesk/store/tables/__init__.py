"""The tables, by what they hold: the people on file, the register, the staff.

Every moment is an aware ``AwareDateTime``; closed lists are stored as their string values from
``frontdesk.domain.vocabulary.kinds`` so the database reads the same as the handbook.
"""
