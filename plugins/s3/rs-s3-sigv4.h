/* rs-s3-sigv4.h: AWS Signature Version 4 (header form), with GnuTLS */
#pragma once

#include "rs-http.h"

G_BEGIN_DECLS

typedef struct
{
  const char *access_key;
  const char *secret_key;
  const char *session_token;    /* nullable */
  const char *region;
  const char *service;          /* "s3" */
} RsS3SigningKey;

#define RS_S3_EMPTY_SHA256 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define RS_S3_UNSIGNED_PAYLOAD "UNSIGNED-PAYLOAD"

char *rs_s3_sha256_hex (const void *data,
                        gsize       length);

/* The canonical request for @method and @url (its path is used as sent,
 * S3-style, its query re-encoded and sorted) over @headers (name, value,
 * … as in rs_http_request_get_headers; `host` is taken from @url when not
 * in it); *@signed_headers gets the `a;b;c` list. */
char *rs_s3_sigv4_canonical_request (const char  *method,
                                     const char  *url,
                                     GPtrArray   *headers,
                                     const char  *payload_hash,
                                     char       **signed_headers);
char *rs_s3_sigv4_string_to_sign    (const char  *amz_date,
                                     const char  *scope,
                                     const char  *canonical_request);
char *rs_s3_sigv4_signature         (const char  *secret_key,
                                     const char  *date,
                                     const char  *region,
                                     const char  *service,
                                     const char  *string_to_sign);

/* Sets x-amz-date (now, or @amz_date), x-amz-content-sha256 (@payload_hash),
 * x-amz-security-token and authorization on @request. */
void  rs_s3_sigv4_sign              (RsHttpRequest        *request,
                                     const RsS3SigningKey *key,
                                     const char           *payload_hash,
                                     const char           *amz_date);

G_END_DECLS
