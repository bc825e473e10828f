/* rs-fixtures-backend.h: a read-only backend over a directory */
#pragma once

#include <remotestore/remotestore.h>

G_BEGIN_DECLS

#define RS_TYPE_FIXTURES_BACKEND (rs_fixtures_backend_get_type ())
G_DECLARE_FINAL_TYPE (RsFixturesBackend, rs_fixtures_backend, RS, FIXTURES_BACKEND, RsBackend)

G_END_DECLS
