"""The API app's models, one module per feature; each is re-exported here."""
