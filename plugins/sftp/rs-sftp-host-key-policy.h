/* rs-sftp-host-key-policy.h: how the server's host key is checked (not installed) */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  RS_SFTP_HOST_KEY_STRICT,      /* the key must be in known_hosts */
  RS_SFTP_HOST_KEY_TOFU,        /* unknown hosts are accepted and recorded */
  RS_SFTP_HOST_KEY_ACCEPT_ANY,  /* no check at all: tests and throwaway hosts only */
} RsSftpHostKeyPolicy;

#define RS_TYPE_SFTP_HOST_KEY_POLICY (rs_sftp_host_key_policy_get_type ())
GType rs_sftp_host_key_policy_get_type (void) G_GNUC_CONST;

G_END_DECLS
