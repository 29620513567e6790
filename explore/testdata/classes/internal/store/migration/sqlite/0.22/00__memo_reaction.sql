CREATE TABLE memo_reaction (
  id INTEGER PRIMARY KEY,
  creator_id INTEGER NOT NULL,
  content_id TEXT NOT NULL,
  reaction_type TEXT NOT NULL
);

CREATE UNIQUE INDEX idx_memo_reaction_unique ON memo_reaction (creator_id, content_id, reaction_type);
