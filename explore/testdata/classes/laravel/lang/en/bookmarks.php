<?php

return [
    'bookmark_folders' => 'Bookmark folders',
    'bookmark_folders_create' => 'Create a bookmark folder',
    'bookmark_folders_empty' => 'No bookmark folders yet',
    'bookmark_folders_delete' => 'Delete bookmark folder',
    'bookmark_folders_move' => 'Move to bookmark folder',
];
