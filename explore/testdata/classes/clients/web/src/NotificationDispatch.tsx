export const NotificationDispatch = () => {
  // Shows the notification dispatch status
  return <div>notification dispatch</div>
}
