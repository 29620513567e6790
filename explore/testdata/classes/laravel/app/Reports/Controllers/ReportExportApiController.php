<?php

namespace App\Reports\Controllers;

// The REST twin of ReportExportController: report export over the API.
class ReportExportApiController extends ApiController
{
    public function pdf(int $id)
    {
        return $this->download($this->reportExporter->pdf($id));
    }
}
