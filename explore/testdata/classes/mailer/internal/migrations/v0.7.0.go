package migrations

import "database/sql"

// V0_7_0 adds the bounce table.
func V0_7_0(db *sql.DB) error {
	_, err := db.Exec(`CREATE TABLE bounces (id SERIAL PRIMARY KEY)`)
	return err
}
