from app.repos.repository_generic import RepositoryGeneric


class AllRepositories:
    """Every table's repository, built on one session."""

    def __init__(self, session):
        self.session = session

    def table(self, model):
        return RepositoryGeneric(self.session, model)
