<?php

namespace App\Theming;

class Colour
{
    public function __construct(public string $hex)
    {
    }
}
