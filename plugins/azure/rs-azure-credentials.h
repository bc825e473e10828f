/* rs-azure-credentials.h: where the account, key, SAS and endpoint come
 * from (not installed) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RS_AZURE_DEV_ACCOUNT "devstoreaccount1"

typedef struct
{
  char *account;
  char *key;          /* base64 account key, a secret, or NULL */
  char *sas;          /* SAS token without '?', a secret, or NULL */
  char *endpoint;     /* blob service URL without trailing '/', or NULL */
} RsAzureCredentials;

void rs_azure_credentials_clear (RsAzureCredentials *self);

gboolean rs_azure_parse_connection_string (const char          *text,
                                           RsAzureCredentials  *out,
                                           GError             **error);

gboolean rs_azure_credentials_resolve (RsAzureCredentials  *options,
                                       const char          *connection_string,
                                       const char *const   *envp,
                                       GError             **error);

char *rs_azure_default_endpoint (const char *account,
                                 const char *protocol,
                                 const char *suffix);

G_END_DECLS
