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

/* Spreads the read of a large file over up to @streams sessions, @attrs
 * being what the stream's handle saw at open; does nothing for a small
 * file or when no session is to spare. Before the first read. */
void          rs_sftp_input_stream_spread (RsSftpInputStream             *self,
                                           const LIBSSH2_SFTP_ATTRIBUTES *attrs,
                                           guint                          streams,
                                           GCancellable                  *cancellable);

G_END_DECLS
