"""Sends text messages through the SMS provider's HTTP API: the messenger
behind every SMS the shop sends."""

import httpx

SMS_MAX_LENGTH = 160


class Sender:
    """Pushes one SMS to the provider and retries once."""

    def __init__(self, url: str, token: str) -> None:
        self.url, self.token = url, token

    def name(self) -> str:
        return "sms"

    def push(self, message) -> None:
        body = {"to": message.phone, "text": message.body[:SMS_MAX_LENGTH]}
        response = httpx.post(self.url, json=body, headers={"Authorization": self.token})
        if response.status_code >= 500:  # the SMS provider is down: once more
            httpx.post(self.url, json=body, headers={"Authorization": self.token})
