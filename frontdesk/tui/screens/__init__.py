"""The screens of the counter app."""
