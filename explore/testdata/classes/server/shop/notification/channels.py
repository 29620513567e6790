def channel_for(notification):
    return notification.channel
