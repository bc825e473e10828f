/* rs-sftp-host-key-policy.c: the host-key-policy option's enum type */
#include "rs-sftp-host-key-policy.h"

G_DEFINE_ENUM_TYPE (RsSftpHostKeyPolicy, rs_sftp_host_key_policy,
                    G_DEFINE_ENUM_VALUE (RS_SFTP_HOST_KEY_STRICT, "strict"),
                    G_DEFINE_ENUM_VALUE (RS_SFTP_HOST_KEY_TOFU, "tofu"),
                    G_DEFINE_ENUM_VALUE (RS_SFTP_HOST_KEY_ACCEPT_ANY, "accept-any"))
