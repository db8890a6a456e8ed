"""The phone system at the counter: the socket it rings on, the ring card, and picking up."""
