package migrations

import "database/sql"

// V1_0_0 indexes campaign views by date.
func V1_0_0(db *sql.DB) error {
	_, err := db.Exec(`CREATE INDEX idx_views_date ON campaign_views(created_at)`)
	return err
}
