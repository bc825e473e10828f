/* rs-azure-credentials.c: connection strings and credential sources
 *
 * Resolution, first match per field: the backend options (account, key,
 * sas, endpoint), then the connection-string option, then
 * $AZURE_STORAGE_CONNECTION_STRING, then $AZURE_STORAGE_ACCOUNT,
 * $AZURE_STORAGE_KEY and $AZURE_STORAGE_SAS_TOKEN. A connection string
 * is `Key=Value;…` as the Azure portal prints it, with AccountName,
 * AccountKey, SharedAccessSignature, BlobEndpoint,
 * DefaultEndpointsProtocol, EndpointSuffix, or UseDevelopmentStorage=true
 * (Azurite's well-known account on 127.0.0.1:10000, or on
 * DevelopmentStorageProxyUri). Messages never quote a value: a
 * connection string carries the key.
 */
#include <string.h>

#include <glib/gi18n-lib.h>
#include <remotestore/remotestore.h>

#include "rs-azure-credentials.h"

/* The published key of the storage emulator's development account. */
#define DEV_KEY "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/" \
                "K1SZFPTOtr/KBHBeksoGMGw=="

void
rs_azure_credentials_clear (RsAzureCredentials *self)
{
  g_clear_pointer (&self->account, g_free);
  if (self->key != NULL)
    memset (self->key, 0, strlen (self->key));
  g_clear_pointer (&self->key, g_free);
  if (self->sas != NULL)
    memset (self->sas, 0, strlen (self->sas));
  g_clear_pointer (&self->sas, g_free);
  g_clear_pointer (&self->endpoint, g_free);
}

char *
rs_azure_default_endpoint (const char *account,
                           const char *protocol,
                           const char *suffix)
{
  return g_strdup_printf ("%s://%s.blob.%s", protocol != NULL ? protocol : "https", account,
                          suffix != NULL ? suffix : "core.windows.net");
}

static char *
without_trailing_slash (const char *url)
{
  char *copy = g_strdup (url);
  gsize len = strlen (copy);

  while (len > 0 && copy[len - 1] == '/')
    copy[--len] = '\0';
  return copy;
}

static char *
without_question_mark (const char *sas)
{
  return g_strdup (sas[0] == '?' ? sas + 1 : sas);
}

gboolean
rs_azure_parse_connection_string (const char          *text,
                                  RsAzureCredentials  *out,
                                  GError             **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ";", -1);
  g_autoptr(GHashTable) fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *dev, *blob, *account;

  for (gsize i = 0; parts[i] != NULL; i++)
    {
      char *part = g_strstrip (parts[i]);
      const char *eq = strchr (part, '=');

      if (*part == '\0')
        continue;
      if (eq == NULL || eq == part)
        {
          /* Part i, never its text: it may hold the key. */
          g_set_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT,
                       _("The Azure connection string is malformed (part %u is not Key=Value)"),
                       (guint) i + 1);
          return FALSE;
        }
      g_hash_table_insert (fields, g_ascii_strdown (part, eq - part), g_strdup (eq + 1));
    }

  dev = g_hash_table_lookup (fields, "usedevelopmentstorage");
  blob = g_hash_table_lookup (fields, "blobendpoint");
  account = g_hash_table_lookup (fields, "accountname");
  if (dev != NULL && g_ascii_strcasecmp (dev, "true") == 0)
    {
      const char *proxy = g_hash_table_lookup (fields, "developmentstorageproxyuri");
      g_autofree char *base = without_trailing_slash (proxy != NULL ? proxy : "http://127.0.0.1:10000");

      g_free (out->account);
      out->account = g_strdup (RS_AZURE_DEV_ACCOUNT);
      g_free (out->key);
      out->key = g_strdup (DEV_KEY);
      g_free (out->endpoint);
      out->endpoint = g_strdup_printf ("%s/%s", base, RS_AZURE_DEV_ACCOUNT);
      return TRUE;
    }
  if (account != NULL)
    {
      g_free (out->account);
      out->account = g_strdup (account);
    }
  if (g_hash_table_contains (fields, "accountkey"))
    {
      g_free (out->key);
      out->key = g_strdup (g_hash_table_lookup (fields, "accountkey"));
    }
  if (g_hash_table_contains (fields, "sharedaccesssignature"))
    {
      g_free (out->sas);
      out->sas = without_question_mark (g_hash_table_lookup (fields, "sharedaccesssignature"));
    }
  if (blob != NULL)
    {
      g_free (out->endpoint);
      out->endpoint = without_trailing_slash (blob);
    }
  else if (account != NULL)
    {
      g_free (out->endpoint);
      out->endpoint = rs_azure_default_endpoint (account,
                                                 g_hash_table_lookup (fields, "defaultendpointsprotocol"),
                                                 g_hash_table_lookup (fields, "endpointsuffix"));
    }
  if (out->account == NULL && out->endpoint == NULL)
    {
      g_set_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT,
                   _("The Azure connection string names neither an account nor a blob endpoint"));
      return FALSE;
    }
  return TRUE;
}

/* The account a path-style endpoint names (Azurite:
 * http://127.0.0.1:10000/ACCOUNT), else the first label of the host. */
static char *
account_from_endpoint (const char *endpoint)
{
  g_autoptr(GUri) uri = g_uri_parse (endpoint, G_URI_FLAGS_NONE, NULL);
  const char *path, *host;
  const char *dot;

  if (uri == NULL)
    return NULL;
  path = g_uri_get_path (uri);
  while (*path == '/')
    path++;
  if (*path != '\0')
    return g_strndup (path, strcspn (path, "/"));
  host = g_uri_get_host (uri);
  if (host == NULL || g_hostname_is_ip_address (host))
    return NULL;
  dot = strchr (host, '.');
  return dot != NULL ? g_strndup (host, dot - host) : NULL;
}

/* Fills what @options lacks from the connection string and the
 * environment; fails when no account or no endpoint can be found. */
gboolean
rs_azure_credentials_resolve (RsAzureCredentials  *options,
                              const char          *connection_string,
                              const char *const   *envp,
                              GError             **error)
{
  RsAzureCredentials found = { 0 };
  const char *env_cs = g_environ_getenv ((char **) envp, "AZURE_STORAGE_CONNECTION_STRING");
  const char *cs = connection_string != NULL && *connection_string ? connection_string : env_cs;

  if (cs != NULL && *cs != '\0' && !rs_azure_parse_connection_string (cs, &found, error))
    return FALSE;
  if (found.account == NULL)
    found.account = g_strdup (g_environ_getenv ((char **) envp, "AZURE_STORAGE_ACCOUNT"));
  if (found.key == NULL && found.sas == NULL)
    {
      found.key = g_strdup (g_environ_getenv ((char **) envp, "AZURE_STORAGE_KEY"));
      found.sas = g_strdup (g_environ_getenv ((char **) envp, "AZURE_STORAGE_SAS_TOKEN"));
      if (found.sas != NULL && found.sas[0] == '?')
        {
          char *plain = without_question_mark (found.sas);

          g_free (found.sas);
          found.sas = plain;
        }
    }

#define TAKE(field) \
  if (options->field == NULL || *options->field == '\0') \
    { g_free (options->field); options->field = g_steal_pointer (&found.field); }
  TAKE (account);
  TAKE (endpoint);
  /* A key or SAS given as an option replaces both found ones: mixing an
   * option's SAS with an environment key would sign with the wrong one. */
  if ((options->key == NULL || !*options->key) && (options->sas == NULL || !*options->sas))
    {
      TAKE (key);
      TAKE (sas);
    }
#undef TAKE
  rs_azure_credentials_clear (&found);

  if (options->endpoint != NULL)
    {
      char *clean = without_trailing_slash (options->endpoint);

      g_free (options->endpoint);
      options->endpoint = clean;
    }
  if (options->account == NULL && options->endpoint != NULL)
    options->account = account_from_endpoint (options->endpoint);
  if (options->account == NULL || *options->account == '\0')
    {
      g_set_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT,
                   _("No Azure storage account given (option account, a connection string, or AZURE_STORAGE_ACCOUNT)"));
      return FALSE;
    }
  if (options->endpoint == NULL)
    options->endpoint = rs_azure_default_endpoint (options->account, NULL, NULL);
  return TRUE;
}
