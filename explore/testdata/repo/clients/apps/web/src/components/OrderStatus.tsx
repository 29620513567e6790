import { useOrder } from '../hooks/useOrder'

export interface OrderStatusProps {
  orderId: string
}

// Shows a padlock while the server holds the order locked for payment.
export function OrderStatus({ orderId }: OrderStatusProps) {
  const { data } = useOrder(orderId)
  if (data?.locked) {
    return <span className="badge">Payment in progress</span>
  }
  return <span className="badge">{data?.status}</span>
}
