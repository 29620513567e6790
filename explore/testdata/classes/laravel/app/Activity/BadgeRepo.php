<?php

namespace App\Activity;

use App\Activity\Models\Badge;

class BadgeRepo
{
    /**
     * Save the badges people put on an entity, replacing those it had.
     */
    public function saveBadgesToEntity(Entity $entity, array $badges = []): array
    {
        $entity->badges()->delete();
        $saved = [];
        foreach ($badges as $badge) {
            $saved[] = $entity->badges()->create(['name' => trim($badge['name'])]);
        }

        return $saved;
    }

    /**
     * The badges used most, for the badge list.
     */
    public function queryPopular(int $count): array
    {
        return Badge::query()->orderBy('uses', 'desc')->limit($count)->get();
    }
}
