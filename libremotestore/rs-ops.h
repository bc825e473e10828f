/* rs-ops.h: constructors of the store operations (private)
 *
 * Each returns an op that has passed every check needing no I/O, or NULL
 * with the error. rs-store-ops.c runs them with the sync or async driver. */
#pragma once

#include "rs-op.h"

G_BEGIN_DECLS

typedef enum { RS_PROBE_EXISTS, RS_PROBE_IS_FILE, RS_PROBE_IS_FOLDER } RsProbe;
typedef enum { RS_READ_STREAM, RS_READ_BYTES, RS_READ_TEXT } RsReadMode;

RS_INTERNAL RsOp *rs_op_probe_new       (RsStore       *store,
                                         const char    *path,
                                         RsProbe        probe,
                                         GError       **error);
RS_INTERNAL RsOp *rs_op_file_info_new   (RsStore       *store,
                                         const char    *path,
                                         gboolean       as_head,
                                         GError       **error);
RS_INTERNAL RsOp *rs_op_folder_info_new (RsStore       *store,
                                         const char    *path,
                                         int            max_depth,
                                         GError       **error);
RS_INTERNAL RsOp *rs_op_read_new        (RsStore       *store,
                                         const char    *path,
                                         RsReadMode     mode,
                                         gint64         offset,
                                         gint64         length,
                                         const char    *encoding,
                                         GError       **error);
RS_INTERNAL RsOp *rs_op_write_new       (RsStore       *store,
                                         const char    *path,
                                         GInputStream  *content,
                                         GBytes        *data,
                                         RsWriteFlags   flags,
                                         GHashTable    *metadata,
                                         GError       **error);
RS_INTERNAL RsOp *rs_op_open_write_new  (RsStore       *store,
                                         const char    *path,
                                         RsWriteFlags   flags,
                                         GHashTable    *metadata,
                                         GError       **error);
RS_INTERNAL RsOp *rs_op_delete_new      (RsStore       *store,
                                         const char    *path,
                                         RsDeleteFlags  flags,
                                         gboolean       folder,
                                         GError       **error);
RS_INTERNAL RsOp *rs_op_copy_new        (RsStore       *store,
                                         const char    *source,
                                         const char    *destination,
                                         RsCopyFlags    flags,
                                         gboolean       move,
                                         GError       **error);
RS_INTERNAL RsOp *rs_op_ping_new        (RsStore       *store,
                                         GError       **error);
RS_INTERNAL RsOp *rs_op_close_new       (RsStore       *store,
                                         GError       **error);
RS_INTERNAL RsEnumerator *rs_enumerator_new (RsStore   *store,
                                             const char *path,
                                             gboolean   files,
                                             gboolean   folders,
                                             int        max_depth,
                                             const char *pattern,
                                             char     **glob);
RS_INTERNAL RsOp *rs_enumerator_fill_new (RsEnumerator *self,
                                          guint         wanted);

/* rs-store-input-stream.c, rs-store-output-stream.c */
RS_INTERNAL GInputStream  *rs_store_input_stream_new  (GInputStream    *base,
                                                       RsBackend       *backend,
                                                       const char      *path);
RS_INTERNAL GOutputStream *rs_store_output_stream_new (RsStore         *store,
                                                       RsBackendWriter *writer,
                                                       const char      *path,
                                                       GHashTable      *metadata);

G_END_DECLS
