package api

import "context"

// SaveReceiptBlob writes a receipt's content where the storage setting
// says: the database, the local disk or a bucket.
func (s *Service) SaveReceiptBlob(ctx context.Context, r *Receipt, data []byte) error {
	switch s.storage.Kind {
	case "local":
		return s.writeLocal(r, data)
	case "bucket":
		return s.bucket.Put(ctx, r.Key, data)
	}
	r.Blob = data
	return nil
}

// GetReceiptBlob reads it back from its storage.
func (s *Service) GetReceiptBlob(ctx context.Context, r *Receipt) ([]byte, error) {
	if r.StorageKind == "local" {
		return s.readLocal(r)
	}
	return r.Blob, nil
}
