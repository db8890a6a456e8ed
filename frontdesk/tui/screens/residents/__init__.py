"""The Residents view (F3): find a resident, read and edit their card."""
