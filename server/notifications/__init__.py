"""In-app notifications: assigned, due soon, overdue, returned, replied, rated."""
