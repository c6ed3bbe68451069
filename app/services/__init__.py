"""Services: one module per area of work. A service method is one user action = one transaction;
it checks permissions and writes the audit entry. Plain data (frozen dataclasses) crosses out."""
