from app.repos.repository_generic import RepositoryGeneric


class LoyaltyPointsController:
    """Grants and spends loyalty points."""

    def grant(self, customer_id: int, points: int):
        return self.repo.create({"customer_id": customer_id, "loyalty_points": points})

    def spend(self, customer_id: int, points: int):
        held = self.repo.get_one(customer_id)
        if held.loyalty_points < points:
            raise ValueError("not enough loyalty points")
        held.loyalty_points -= points
