"""Builds every subsystem of the shop at start-up, from the settings."""

from shop.messenger.sms.sender import Sender


def init_settings(path):
    return load(path)


def init_database(settings):
    return connect(settings.database_url)


def init_cache(settings):
    return Cache(settings.cache_url)


def init_i18n(settings):
    return load_catalog(settings.language)


def init_queue(settings):
    return Queue(settings.queue_url)


def init_sms_messenger(settings):
    """The SMS messenger: one messenger per SMS provider in the settings."""
    messengers = []
    for provider in settings.sms_providers:
        messengers.append(Sender(provider.url, provider.token))
    return messengers


def init_postback_messengers(settings):
    """Postback messengers, one per URL in the settings."""
    return [Postback(p.url) for p in settings.postbacks]


def init_mailer(settings):
    return Mailer(settings.smtp)


def init_metrics(settings):
    return Metrics(settings.metrics_port)


def init_auth(settings):
    return Auth(settings.secret)


def init_storage(settings):
    return Storage(settings.bucket)


def init_scheduler(settings):
    return Scheduler(settings.timezone)


def init_all(settings):
    return [init_database(settings), init_queue(settings), init_sms_messenger(settings)]
