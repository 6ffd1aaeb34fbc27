"""The MkDocs glue: the plugin's events, navigation, search entries. Only this imports mkdocs."""
