"""收发文 tab: register views, workflow dialogs, detail dialog."""
