<?php

namespace App\Reports\Controllers;

class ReportExportController extends Controller
{
    public function pdf(int $id)
    {
        return $this->download($this->reportExporter->pdf($id));
    }
}
