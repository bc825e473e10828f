/* rs-sftp-extension.h: OpenSSH SFTP extensions libssh2 1.10 lacks (not installed)
 *
 * libssh2 1.10 has no call for `posix-rename@openssh.com` (it arrived in
 * 1.11), so each session opens, on first need, a second SFTP channel that
 * speaks just enough of SFTP v3 for it: INIT/VERSION and one EXTENDED
 * request at a time. It is used under the session's lock like the rest. */
#pragma once

#include <libssh2.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct _RsSftpExtension RsSftpExtension;

/* NULL with @error when the channel could not be opened. */
RsSftpExtension *rs_sftp_extension_open            (LIBSSH2_SESSION  *ssh,
                                                    GError          **error);
void             rs_sftp_extension_free            (RsSftpExtension  *self);
gboolean         rs_sftp_extension_has_posix_rename (RsSftpExtension *self);
/* Renames over an existing target atomically; FALSE with @error (an
 * RsError from the SFTP status) otherwise. */
gboolean         rs_sftp_extension_posix_rename    (RsSftpExtension  *self,
                                                    const char       *from,
                                                    const char       *to,
                                                    GError          **error);

G_END_DECLS
