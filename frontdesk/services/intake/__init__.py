"""Taking a call to the register: the call as typed, its draft kept through a crash, the caller's
numbers on file, repeats noticed, the ringing caller identified, and filing it."""
