"""Working a filed matter: opening it with its deadlines, escalating, replying, resolving,
complaints' own rules, the queue, and a matter's detail."""
