package migrations

import "database/sql"

// Step is one upgrade of the database, named by the release that needs it.
type Step struct {
	Version string
	Run     func(*sql.DB) error
}

// Steps lists every upgrade, oldest first.
var Steps = []Step{{"v0.4.0", V0_4_0}, {"v0.7.0", V0_7_0}, {"v1.0.0", V1_0_0}}
