package main

import "database/sql"

// installSchema runs schema.sql on an empty database and records the
// current version as the last migration, so that upgrades start there.
func installSchema(db *sql.DB, schema string, version string) error {
	if _, err := db.Exec(schema); err != nil {
		return err
	}
	return recordMigrationVersion(db, version)
}

// recordMigrationVersion stores the version of the last schema migration.
func recordMigrationVersion(db *sql.DB, version string) error {
	_, err := db.Exec(`UPDATE settings SET value = $1 WHERE key = 'migrations'`, version)
	return err
}

// checkSchema reports whether the schema is installed.
func checkSchema(db *sql.DB) bool {
	_, err := db.Exec(`SELECT 1 FROM lists LIMIT 1`)
	return err == nil
}
