package io.portcullis.vulndb;

/**
 * What we remember of one URL source between updates, stored in the DB metadata.
 *
 * @param etag the server's ETag, or null
 * @param lastModified the server's Last-Modified, or null
 * @param sha256 digest of the zip the DB was built from; names the cached copy
 */
record DownloadState(String etag, String lastModified, String sha256) {
}
