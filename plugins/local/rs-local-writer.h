/* rs-local-writer.h: a pending write into a file nobody sees yet
 * (not installed) */
#pragma once

#include <remotestore/remotestore.h>
#include "rs-local-fs.h"
#include "rs-local-engine.h"

G_BEGIN_DECLS

#define RS_TYPE_LOCAL_WRITER (rs_local_writer_get_type ())
G_DECLARE_FINAL_TYPE (RsLocalWriter, rs_local_writer, RS, LOCAL_WRITER, RsBackendWriter)

RsBackendWriter *rs_local_writer_new    (RsBackend       *backend,
                                         int              root_fd,
                                         RsLocalResolve   resolve,
                                         const char      *key,
                                         RsWriteFlags     flags,
                                         GHashTable      *metadata,
                                         gboolean         durable,
                                         RsLocalEngine   *engine,
                                         GError         **error);
int              rs_local_writer_get_fd (RsLocalWriter   *self);

G_END_DECLS
