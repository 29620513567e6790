class CreateNotificationDispatches < ActiveRecord::Migration[7.1]
  def change
    create_table :notification_dispatches do |t|
      t.string :notification_id
    end
  end
end
