package store

import "context"

// Receipt is a stored receipt.
type Receipt struct {
	ID          int
	Key         string
	StorageKind string
	Blob        []byte
}

// CreateReceipt inserts a receipt.
func (s *Store) CreateReceipt(ctx context.Context, r *Receipt) error {
	return s.db.Insert("receipt", r)
}

// ListReceipts lists receipts.
func (s *Store) ListReceipts(ctx context.Context) ([]*Receipt, error) { return nil, nil }

// DeleteReceipt deletes a receipt and its storage.
func (s *Store) DeleteReceipt(ctx context.Context, id int) error {
	if err := s.DeleteReceiptStorage(ctx, id); err != nil {
		return err
	}
	return s.db.Delete("receipt", id)
}

// DeleteReceiptStorage removes a receipt's content from its storage.
func (s *Store) DeleteReceiptStorage(ctx context.Context, id int) error { return nil }
