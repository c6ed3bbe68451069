"""What every area is built from: the register engine, the workflow kit, copies, alerts, the print
service and import/export. Area-neutral: nothing here imports an area."""
