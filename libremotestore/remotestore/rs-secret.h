/* rs-secret.h: a credential that never prints */
#pragma once

#if !defined(REMOTESTORE_INSIDE) && !defined(REMOTESTORE_COMPILATION)
#error "Only <remotestore/remotestore.h> can be included directly."
#endif

#include <remotestore/rs-types.h>

G_BEGIN_DECLS

#define RS_TYPE_SECRET (rs_secret_get_type ())

RS_AVAILABLE_IN_1_0
GType         rs_secret_get_type   (void) G_GNUC_CONST;
RS_AVAILABLE_IN_1_0
RsSecret     *rs_secret_new        (const char *value);
RS_AVAILABLE_IN_1_0
RsSecret     *rs_secret_ref        (RsSecret *self);
RS_AVAILABLE_IN_1_0
void          rs_secret_unref      (RsSecret *self);
RS_AVAILABLE_IN_1_0
const char   *rs_secret_reveal     (RsSecret *self);
RS_AVAILABLE_IN_1_0
const char   *rs_secret_to_string  (RsSecret *self);
RS_AVAILABLE_IN_1_0
gboolean      rs_secret_is_empty   (RsSecret *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsSecret, rs_secret_unref)

G_END_DECLS
