/* rs-sftp-error.h: libssh2 and SFTP failures as RsError (not installed) */
#pragma once

#include <libssh2.h>
#include <libssh2_sftp.h>
#include <remotestore/remotestore.h>

G_BEGIN_DECLS

/* Whether a libssh2 error code means the connection itself is gone or
 * stalled (the session must be dropped). */
gboolean rs_sftp_error_is_fatal (int ssh_error);

/* Sets @error from the session's last failure of @what (a verb phrase,
 * translated) on @path (a server path, or NULL); returns the libssh2
 * error code. */
int      rs_sftp_error_set      (GError         **error,
                                 LIBSSH2_SESSION *ssh,
                                 LIBSSH2_SFTP    *sftp,
                                 const char      *what,
                                 const char      *path);

/* The RsError code for an SFTP status code. */
RsError  rs_sftp_error_from_status (unsigned long status);

G_END_DECLS
