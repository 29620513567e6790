<?php

namespace App\Exceptions;

class StatementExportException extends \Exception
{
}
