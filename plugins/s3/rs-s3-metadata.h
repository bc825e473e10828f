/* rs-s3-metadata.h: user metadata ↔ x-amz-meta-* headers */
#pragma once

#include "rs-http.h"

G_BEGIN_DECLS

/* S3 lowercases header names and wants ASCII values, but store metadata
 * keeps case and UTF-8: a key byte outside [a-z0-9._-] travels as %XX, a
 * value that is empty, not printable ASCII, or padded with spaces as an
 * RFC 2047 encoded word (=?UTF-8?B?…?=). Plain lowercase keys and ASCII
 * values are written as is, so other clients read them unchanged. */
void        rs_s3_metadata_to_request   (GHashTable    *metadata,
                                         RsHttpRequest *request);
/* (transfer full): the metadata in response headers, never NULL. */
GHashTable *rs_s3_metadata_from_headers (GHashTable    *headers);

G_END_DECLS
