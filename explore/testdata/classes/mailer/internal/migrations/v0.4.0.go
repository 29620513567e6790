package migrations

import "database/sql"

// V0_4_0 adds subscriber attributes.
func V0_4_0(db *sql.DB) error {
	_, err := db.Exec(`ALTER TABLE subscribers ADD COLUMN attribs JSONB`)
	return err
}
