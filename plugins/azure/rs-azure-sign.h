/* rs-azure-sign.h: SharedKey request signing (not installed)
 *
 * The "Authorize with Shared Key" scheme of Azure Storage: an HMAC-SHA256,
 * keyed with the account key, over a canonical form of the request. The
 * functions take the request as it goes on the wire: the method, the
 * percent-encoded URL path, the raw query (without `?`) and the headers as
 * "Name: value" lines.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *rs_azure_string_to_sign (const char        *method,
                               const char        *account,
                               const char        *url_path,
                               const char        *query,
                               const char *const *headers);

char *rs_azure_hmac_base64    (GBytes            *key,
                               const char        *message);

GBytes *rs_azure_decode_key   (const char        *key_base64);

char *rs_azure_authorization  (const char        *account,
                               GBytes            *key,
                               const char        *method,
                               const char        *url_path,
                               const char        *query,
                               const char *const *headers);

G_END_DECLS
