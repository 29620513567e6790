from app.repos.repository_price_alert_rules import RepositoryPriceAlertRules


class GroupPriceAlertController:
    """Price alerts: a household's alerts on the price of an item."""

    def get_all(self):
        return self.repos.price_alerts.page_all()

    def create_one(self, data):
        alert = self.repos.price_alerts.create(data)
        self._check_price_alert_rules(alert)
        return alert

    def _check_price_alert_rules(self, alert):
        for rule in RepositoryPriceAlertRules(self.session).get_rules(alert.item_id):
            if rule.threshold_reached(alert.price):
                self.notify(alert)

    def delete_one(self, item_id):
        return self.repos.price_alerts.delete(item_id)
