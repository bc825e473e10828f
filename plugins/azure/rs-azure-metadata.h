/* rs-azure-metadata.h: user metadata as x-ms-meta-* headers (not installed) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Header lines "x-ms-meta-NAME: VALUE" for @metadata (may be NULL), in a
 * NULL-terminated GPtrArray of strings. */
GPtrArray  *rs_azure_metadata_headers (GHashTable *metadata);

/* One stored name/value pair (as in a response header or a listing's
 * <Metadata>) decoded into @into. */
void        rs_azure_metadata_decode  (GHashTable *into,
                                       const char *name,
                                       const char *value);

GHashTable *rs_azure_metadata_new     (void);

G_END_DECLS
