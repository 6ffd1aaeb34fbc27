"""The MkDocs glue: the plugin's events, its config, navigation and its CSS and
JavaScript (``assets/``). Only this imports mkdocs."""
