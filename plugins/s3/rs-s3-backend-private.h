/* rs-s3-backend-private.h: the backend's state, shared by the files that
 * build its requests and its options (not installed) */
#pragma once

#include "rs-s3-backend.h"
#include "rs-s3-credentials.h"
#include "rs-s3-payload-signing.h"

G_BEGIN_DECLS

struct _RsS3Backend
{
  RsBackend parent_instance;

  char *bucket;
  char *endpoint;
  char *region;
  gboolean path_style;
  char *access_key;
  RsSecret *secret_key;
  RsSecret *session_token;
  char *profile;
  guint part_size;
  guint concurrency;
  guint max_connections;
  guint connect_timeout_ms;
  guint idle_timeout_ms;
  guint total_timeout_ms;
  char *ca_file;
  guint page_size;
  char *create_only;
  guint64 multipart_copy_threshold;
  RsS3PayloadSigning payload_signing;
  gboolean unsigned_payload;    /* resolved from payload_signing and the scheme */
  gint create_only_refused;     /* the server answered 501 to If-None-Match */

  RsS3Credentials credentials;
  char *base_url;               /* scheme://host[:port][/bucket] */
  RsHttpEngine *engine;
  RsHttpFolderProbe *folder_probe;
};

/* Installs the GObject properties (the options) on the class. */
void rs_s3_backend_install_properties (GObjectClass *object_class);

G_END_DECLS
