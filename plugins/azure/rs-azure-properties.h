/* rs-azure-properties.h: blob property values as the store reports them
 * (not installed) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GDateTime *rs_azure_parse_http_date    (const char *text);
char      *rs_azure_digest_from_md5    (const char *md5_base64);
char      *rs_azure_etag_unquote       (const char *etag);

G_END_DECLS
