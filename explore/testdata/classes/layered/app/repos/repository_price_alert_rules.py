from app.repos.repository_generic import HouseholdRepositoryGeneric


class RepositoryPriceAlertRules(HouseholdRepositoryGeneric):
    """The rules that decide when a price alert fires."""

    def get_rules(self, item_id):
        return self.query().filter_by(item_id=item_id).all()

    def get_price_alert_rules_for_household(self, household_id):
        return self.query().filter_by(household_id=household_id).all()

    def price_alert_rules_by_threshold(self, threshold):
        return self.query().filter_by(threshold=threshold).all()
