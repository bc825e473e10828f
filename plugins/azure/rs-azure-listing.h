/* rs-azure-listing.h: the List Blobs response parser (not installed) */
#pragma once

#include <remotestore/remotestore.h>

G_BEGIN_DECLS

/* Parses one List Blobs page: appends an RsFileInfo per <Blob> (with its
 * metadata when @with_metadata) and an RsFolderEntry per <BlobPrefix> to
 * @entries, and sets @next_marker to the continuation marker or NULL on
 * the last page. Names are blob names, folders without their '/'. */
gboolean rs_azure_parse_listing (const char  *xml,
                                 gsize        length,
                                 gboolean     with_metadata,
                                 GPtrArray   *entries,
                                 char       **next_marker,
                                 GError     **error);

/* The <Code> of an <Error> body, or NULL. */
char    *rs_azure_parse_error_code (const char *xml,
                                    gsize       length);

G_END_DECLS
