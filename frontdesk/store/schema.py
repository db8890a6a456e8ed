"""The whole schema: every table, and the listeners that write the audit log and the search
index at each flush. Imported wherever a session is made (``engine``) or the schema is compared
(the migrations), so no change can reach the database without its audit entry and search terms.
"""

from frontdesk.store.listeners import journal, search_index
from frontdesk.store.tables import notices, people, register, staff

__all__ = ["journal", "notices", "people", "register", "search_index", "staff"]
