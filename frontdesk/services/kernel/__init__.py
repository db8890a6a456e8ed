"""What every use case stands on: one transaction each, the policy and clock it is given, its
errors, concurrent edits refused, and who may do what."""
