"""The monthly report: its records from the register, its tables, and its workbook."""
