"""The API app's HTML pages (tokens, webhooks), one module per feature."""
