"""Plugins a controller mixes in: each controller lists the ones it wants."""


class HttpRepo:
    """Create, read, update and delete through a repository, with errors
    turned into HTTP responses."""

    def __init__(self, repo, exceptions):
        self.repo = repo
        self.exceptions = exceptions

    def create_one(self, data):
        return self.repo.create(data)

    def update_one(self, data, item_id):
        return self.repo.update(item_id, data)

    def delete_one(self, item_id):
        return self.repo.delete(item_id)

    def export_all(self):
        """Export every item: the export plugins' shared entry point."""
        return self.repo.all()
