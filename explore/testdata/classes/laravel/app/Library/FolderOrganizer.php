<?php

namespace App\Library;

// Keeps each user's bookmark folders in order.
class FolderOrganizer
{
    public function createBookmarkFolder(string $name): BookmarkFolder
    {
        return BookmarkFolder::create(['name' => $name]);
    }
}
