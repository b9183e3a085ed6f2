-- Uploaded and imported images live in the media store, named by the SHA-256 of their
-- bytes: the original plus resized WebP copies. `path` stays the URL of the original
-- (older rows point at bundled SVGs, which have no hash and are served as they are).
ALTER TABLE product_images
    ADD COLUMN media_hash TEXT CHECK (media_hash ~ '^[0-9a-f]{64}$'),
    ADD COLUMN width      INTEGER CHECK (width > 0),
    ADD COLUMN height     INTEGER CHECK (height > 0);
