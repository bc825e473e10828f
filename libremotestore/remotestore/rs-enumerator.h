/* rs-enumerator.h: a lazy, paged listing */
#pragma once

#if !defined(REMOTESTORE_INSIDE) && !defined(REMOTESTORE_COMPILATION)
#error "Only <remotestore/remotestore.h> can be included directly."
#endif

#include <remotestore/rs-types.h>
#include <remotestore/rs-entry.h>

G_BEGIN_DECLS

#define RS_TYPE_ENUMERATOR (rs_enumerator_get_type ())
RS_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (RsEnumerator, rs_enumerator, RS, ENUMERATOR, GObject)

RS_AVAILABLE_IN_1_0
RsEntry   *rs_enumerator_next              (RsEnumerator         *self,
                                            GCancellable         *cancellable,
                                            GError              **error);
RS_AVAILABLE_IN_1_0
void       rs_enumerator_next_batch_async  (RsEnumerator         *self,
                                            int                   max_entries,
                                            int                   io_priority,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
RS_AVAILABLE_IN_1_0
GList     *rs_enumerator_next_batch_finish (RsEnumerator         *self,
                                            GAsyncResult         *result,
                                            GError              **error);
RS_AVAILABLE_IN_1_0
gboolean   rs_enumerator_close             (RsEnumerator         *self,
                                            GCancellable         *cancellable,
                                            GError              **error);
RS_AVAILABLE_IN_1_0
gboolean   rs_enumerator_is_closed         (RsEnumerator         *self);
RS_AVAILABLE_IN_1_0
RsStore   *rs_enumerator_get_store         (RsEnumerator         *self);

G_END_DECLS
