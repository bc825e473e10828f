/* rs-entry.h: base class of listing results */
#pragma once

#if !defined(REMOTESTORE_INSIDE) && !defined(REMOTESTORE_COMPILATION)
#error "Only <remotestore/remotestore.h> can be included directly."
#endif

#include <remotestore/rs-types.h>

G_BEGIN_DECLS

#define RS_TYPE_ENTRY (rs_entry_get_type ())
RS_AVAILABLE_IN_1_0
G_DECLARE_DERIVABLE_TYPE (RsEntry, rs_entry, RS, ENTRY, GObject)

/**
 * RsEntryClass:
 * @parent_class: the parent class
 *
 * The class of #RsEntry.
 */
struct _RsEntryClass
{
  GObjectClass parent_class;

  /*< private >*/
  gpointer padding[8];
};

RS_AVAILABLE_IN_1_0
const char *rs_entry_get_path (RsEntry *self);
RS_AVAILABLE_IN_1_0
const char *rs_entry_get_name (RsEntry *self);

G_END_DECLS
