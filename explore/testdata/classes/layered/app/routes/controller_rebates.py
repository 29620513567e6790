from app.routes._base.plugins import HttpRepo
from app.routes._base.controller import BaseExportController


class RebatesController(BaseExportController):
    @property
    def plugins(self):
        return HttpRepo(self.repo, self.exceptions)

    def export(self):
        return self.plugins.export_all()

    def create_one(self, data):
        return self.plugins.create_one(data)
