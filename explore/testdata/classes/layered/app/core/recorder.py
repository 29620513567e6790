from datetime import datetime


class ChangeRecorder:
    """
    The ChangeRecorder class keeps the audit trail: one row for every change
    to a wallet, with who made it and when.
    """

    def __init__(self, session) -> None:
        self.session = session

    def record(self, who, what) -> None:
        self.session.add({"who": who, "what": what, "at": datetime.now()})
