from app.core.recorder import ChangeRecorder


def listing(repos, wallet_id):
    return repos.changes.by_wallet(wallet_id)
