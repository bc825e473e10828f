/* rs-s3-writer.h: a pending S3 write: one PUT, or a multipart upload */
#pragma once

#include "rs-s3-backend.h"

G_BEGIN_DECLS

#define RS_TYPE_S3_WRITER (rs_s3_writer_get_type ())
G_DECLARE_FINAL_TYPE (RsS3Writer, rs_s3_writer, RS, S3_WRITER, RsBackendWriter)

RsBackendWriter *rs_s3_writer_new (RsS3Backend  *backend,
                                   const char   *key,
                                   RsWriteFlags  flags,
                                   GHashTable   *metadata);

G_END_DECLS
