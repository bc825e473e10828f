/* rs-local-backend.h: the local file system backend (not installed) */
#pragma once

#include <remotestore/remotestore.h>

G_BEGIN_DECLS

#define RS_TYPE_LOCAL_BACKEND (rs_local_backend_get_type ())
G_DECLARE_FINAL_TYPE (RsLocalBackend, rs_local_backend, RS, LOCAL_BACKEND, RsBackend)

/* The engine that serves async reads ("thread" or "uring"), for tests
 * and benchmarks. */
const char *rs_local_backend_get_io (RsLocalBackend *self);

G_END_DECLS
