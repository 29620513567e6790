describe NotificationDispatch do
  it "dispatches the notification" do
    notification_dispatch = NotificationDispatch.new
    expect(notification_dispatch.dispatch).to be true
  end
end
