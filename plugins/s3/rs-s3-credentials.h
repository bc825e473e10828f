/* rs-s3-credentials.h: where the s3 plugin finds its keys */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *access_key;             /* NULL: anonymous (unsigned requests) */
  char *secret_key;
  char *session_token;
  char *region;                 /* from the profile's config, if any */
} RsS3Credentials;

/* Options first, then AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY /
 * AWS_SESSION_TOKEN, then the profile (@profile, $AWS_PROFILE or
 * "default") in $AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials and
 * $AWS_CONFIG_FILE or ~/.aws/config. */
void rs_s3_credentials_resolve (RsS3Credentials *credentials,
                                const char      *access_key,
                                const char      *secret_key,
                                const char      *session_token,
                                const char      *profile);
void rs_s3_credentials_clear   (RsS3Credentials *credentials);

G_END_DECLS
