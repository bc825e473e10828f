/* rs-write-result.h: what a write produced */
#pragma once

#if !defined(REMOTESTORE_INSIDE) && !defined(REMOTESTORE_COMPILATION)
#error "Only <remotestore/remotestore.h> can be included directly."
#endif

#include <remotestore/rs-types.h>

G_BEGIN_DECLS

#define RS_TYPE_WRITE_RESULT (rs_write_result_get_type ())
RS_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (RsWriteResult, rs_write_result, RS, WRITE_RESULT, GObject)

RS_AVAILABLE_IN_1_0
RsWriteResult  *rs_write_result_new               (const char     *path,
                                                   gint64          size,
                                                   RsResultSource  source);
RS_AVAILABLE_IN_1_0
const char     *rs_write_result_get_path          (RsWriteResult  *self);
RS_AVAILABLE_IN_1_0
gint64          rs_write_result_get_size          (RsWriteResult  *self);
RS_AVAILABLE_IN_1_0
RsResultSource  rs_write_result_get_source        (RsWriteResult  *self);
RS_AVAILABLE_IN_1_0
const char     *rs_write_result_get_etag          (RsWriteResult  *self);
RS_AVAILABLE_IN_1_0
void            rs_write_result_set_etag          (RsWriteResult  *self,
                                                   const char     *etag);
RS_AVAILABLE_IN_1_0
const char     *rs_write_result_get_version_id    (RsWriteResult  *self);
RS_AVAILABLE_IN_1_0
void            rs_write_result_set_version_id    (RsWriteResult  *self,
                                                   const char     *version_id);
RS_AVAILABLE_IN_1_0
GDateTime      *rs_write_result_get_last_modified (RsWriteResult  *self);
RS_AVAILABLE_IN_1_0
void            rs_write_result_set_last_modified (RsWriteResult  *self,
                                                   GDateTime      *last_modified);
RS_AVAILABLE_IN_1_0
const char     *rs_write_result_get_digest        (RsWriteResult  *self);
RS_AVAILABLE_IN_1_0
void            rs_write_result_set_digest        (RsWriteResult  *self,
                                                   const char     *digest);
RS_AVAILABLE_IN_1_0
GHashTable     *rs_write_result_get_metadata      (RsWriteResult  *self);
RS_AVAILABLE_IN_1_0
void            rs_write_result_set_metadata      (RsWriteResult  *self,
                                                   GHashTable     *metadata);

G_END_DECLS
