"""Views of the Standortanalyse: the public analysis pages and the management of findings and publication."""
