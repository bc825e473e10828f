/* rs-local-list.h: listing pages of a folder tree (not installed) */
#pragma once

#include <remotestore/remotestore.h>
#include "rs-local-fs.h"

G_BEGIN_DECLS

typedef struct
{
  int root_fd;
  RsLocalResolve resolve;
  gboolean metadata;      /* read user attributes into each file info */
  guint page_size;
} RsLocalListing;

GPtrArray *rs_local_list_page (const RsLocalListing  *listing,
                               const char            *prefix,
                               gboolean               recursive,
                               const char            *token,
                               char                 **next_token,
                               GCancellable          *cancellable,
                               GError               **error);

G_END_DECLS
