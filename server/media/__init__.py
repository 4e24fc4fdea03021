"""Photos: content-addressed blobs, resumable uploads, EXIF, derivatives and evidence checks."""
