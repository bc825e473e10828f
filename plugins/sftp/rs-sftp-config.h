/* rs-sftp-config.h: how to reach and log in to the server (not installed)
 *
 * Filled from the backend's options when it is constructed and never
 * changed afterwards, so sessions read it from any thread without a lock
 * (tofu_lock only serialises updates of the known_hosts file). */
#pragma once

#include <remotestore/remotestore.h>

#include "rs-sftp-host-key-policy.h"

G_BEGIN_DECLS

typedef struct
{
  char *host;
  guint port;
  char *user;
  char *identity;               /* private key file, or NULL */
  RsSecret *passphrase;         /* of the key, or NULL */
  RsSecret *password;           /* or NULL */
  gboolean agent;               /* try ssh-agent when no key file logs in */
  char *known_hosts;            /* file of trusted host keys */
  RsSftpHostKeyPolicy host_key_policy;
  guint connect_timeout_ms;
  guint idle_timeout_ms;        /* longest wait for the server on any call */
  guint keepalive_s;            /* 0: no keepalives */
  char *location;               /* sftp://user@host:port, for messages */
  RsRetryPolicy *retry;         /* for connects */
  GMutex tofu_lock;
} RsSftpConfig;

G_END_DECLS
