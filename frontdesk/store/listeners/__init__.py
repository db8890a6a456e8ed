"""What the store writes by itself at every flush, in the same transaction: the audit log and the
search index."""
