class RepositoryGeneric:
    """Create, read, update and delete for one table, scoped to a group."""

    def __init__(self, session, model):
        self.session = session
        self.model = model

    def get_one(self, id):
        return self.session.get(self.model, id)
