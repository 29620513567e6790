class RepositoryGeneric:
    """Create, read, update and delete for one table, scoped to a group.
    Loyalty points and gift cards use it as it is."""

    def __init__(self, session, model):
        self.session = session
        self.model = model

    def get_one(self, id):
        return self.session.get(self.model, id)
