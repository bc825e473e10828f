/* rs-sftp-input-stream.h: a ranged, seekable read of one remote file (not installed) */
#pragma once

#include <gio/gio.h>

#include "rs-sftp-pool.h"

G_BEGIN_DECLS

#define RS_TYPE_SFTP_INPUT_STREAM (rs_sftp_input_stream_get_type ())
G_DECLARE_FINAL_TYPE (RsSftpInputStream, rs_sftp_input_stream, RS, SFTP_INPUT_STREAM, GInputStream)

/* Takes @handle (open on @session); positions are relative to @offset and
 * end after @length bytes (-1: at the end of the file). @owner keeps the
 * pool alive. */
GInputStream *rs_sftp_input_stream_new (GObject             *owner,
                                        RsSftpPool          *pool,
                                        RsSftpSession       *session,
                                        LIBSSH2_SFTP_HANDLE *handle,
                                        const char          *path,
                                        gint64               offset,
                                        gint64               length);

G_END_DECLS
