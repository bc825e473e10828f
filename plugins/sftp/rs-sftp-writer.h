/* rs-sftp-writer.h: a pending write into a hidden temp file (not installed) */
#pragma once

#include <remotestore/remotestore.h>

#include "rs-sftp-pool.h"

G_BEGIN_DECLS

#define RS_TYPE_SFTP_WRITER (rs_sftp_writer_get_type ())
G_DECLARE_FINAL_TYPE (RsSftpWriter, rs_sftp_writer, RS, SFTP_WRITER, RsBackendWriter)

/* The name prefix of temp files, which listings leave out. */
#define RS_SFTP_TEMP_PREFIX ".rs-sftp-"
#define RS_SFTP_TEMP_SUFFIX ".part"

/* Takes @handle, open on @session for writing @temp_path; the commit
 * renames it to @path (over an existing file only with @overwrite), an
 * abort also removes @made_folders (the parents made for it). A large
 * write is spread over up to @streams sessions. */
RsBackendWriter *rs_sftp_writer_new (RsBackend           *backend,
                                     const char          *key,
                                     RsSftpPool          *pool,
                                     RsSftpSession       *session,
                                     LIBSSH2_SFTP_HANDLE *handle,
                                     const char          *temp_path,
                                     const char          *path,
                                     gboolean             overwrite,
                                     GPtrArray           *made_folders,
                                     guint                streams);

/* Removes the folders a write made (outermost first in @folders), the
 * innermost first, keeping any that another writer filled meanwhile. On a
 * locked session. */
void     rs_sftp_remove_folders (RsSftpSession *session,
                                 GPtrArray     *folders);

/* Renames @from to @to on a locked session: without @overwrite a plain
 * SFTP rename, which never replaces a file; with it posix-rename (atomic),
 * or remove-then-rename on servers without that extension. */
gboolean rs_sftp_rename_path (RsSftpSession  *session,
                              const char     *from,
                              const char     *to,
                              gboolean        overwrite,
                              GError        **error);

G_END_DECLS
