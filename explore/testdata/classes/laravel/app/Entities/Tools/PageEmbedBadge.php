<?php

namespace App\Entities\Tools;

/**
 * A {{@page#section}} marker found in a page's HTML, to be replaced by
 * what it points at.
 */
class PageEmbedBadge
{
    public function __construct(
        public string $badgeContent,
    ) {
    }

    public function pageId(): int
    {
        return intval(explode('#', $this->badgeContent, 2)[0]);
    }

    public function section(): string
    {
        return trim(explode('#', $this->badgeContent, 2)[1] ?? '');
    }
}
