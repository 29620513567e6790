"""How the layers talk: routes call services; services use the data access
layer through one session."""
