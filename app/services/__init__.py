"""Cross-area services: accounts, authentication, audit, settings and the container that wires every
area's services together. One method is one user action = one transaction, permission-checked and audited;
plain data (frozen dataclasses) crosses out."""
