package main

import (
	"database/sql"

	"example.com/mailer/internal/migrations"
)

// upgrade runs, in order, every step newer than the last one recorded.
func upgrade(db *sql.DB, last string) error {
	for _, s := range migrations.Steps {
		if s.Version <= last {
			continue
		}
		if err := s.Run(db); err != nil {
			return err
		}
	}
	return nil
}
