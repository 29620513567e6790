"""Emails the owners of checks that go up and down too often."""


def handle():
    for check in flapping_checks():
        send_notice(check)
