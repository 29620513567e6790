package api

import "context"

// UpsertMemoReaction adds a user's reaction to a memo, once per emoji.
func (s *APIService) UpsertMemoReaction(ctx context.Context, req *UpsertMemoReactionRequest) (*Reaction, error) {
	user, err := s.currentUser(ctx)
	if err != nil {
		return nil, err
	}
	return s.store.UpsertReaction(ctx, &Reaction{CreatorID: user.ID, ContentID: req.Name, Type: req.Reaction.Type})
}

// DeleteMemoReaction removes a reaction the user made.
func (s *APIService) DeleteMemoReaction(ctx context.Context, req *DeleteMemoReactionRequest) error {
	return s.store.DeleteReaction(ctx, req.ID)
}
