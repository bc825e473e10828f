/* rs-sftp-backend.h: files on an SSH server over SFTP (not installed) */
#pragma once

#include <remotestore/remotestore.h>

G_BEGIN_DECLS

#define RS_TYPE_SFTP_BACKEND (rs_sftp_backend_get_type ())
G_DECLARE_FINAL_TYPE (RsSftpBackend, rs_sftp_backend, RS, SFTP_BACKEND, RsBackend)

/* Registers every type of the plugin (from its init, under the loader lock). */
void rs_sftp_backend_register_types (void);

G_END_DECLS
