"""The home page and the owner's dashboard: the top of the house."""
