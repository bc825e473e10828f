/* rs-s3-credentials.c: where the s3 plugin finds its keys
 *
 * Secrets are copied into private strings and wiped when cleared; nothing
 * here ever logs a value. */
#include "rs-s3-credentials.h"

static gboolean
nonempty (const char *text)
{
  return text != NULL && text[0] != '\0';
}

static void
wipe (char **text)
{
  if (*text != NULL)
    memset (*text, 0, strlen (*text));
  g_clear_pointer (text, g_free);
}

static char *
file_path (const char *variable,
           const char *name)
{
  const char *value = g_getenv (variable);

  if (nonempty (value))
    return g_strdup (value);
  return g_build_filename (g_get_home_dir (), ".aws", name, NULL);
}

/* Reads @group of an AWS ini file; a missing file or group is nothing. */
static void
read_profile (RsS3Credentials *credentials,
              const char      *path,
              const char      *group)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, NULL) ||
      !g_key_file_has_group (file, group))
    return;
  if (credentials->access_key == NULL)
    {
      char *access = g_key_file_get_string (file, group, "aws_access_key_id", NULL);
      char *secret = g_key_file_get_string (file, group, "aws_secret_access_key", NULL);

      if (nonempty (access) && nonempty (secret))
        {
          credentials->access_key = g_strstrip (access);
          credentials->secret_key = g_strstrip (secret);
          credentials->session_token = g_key_file_get_string (file, group, "aws_session_token", NULL);
          if (credentials->session_token != NULL)
            g_strstrip (credentials->session_token);
        }
      else
        {
          g_free (access);
          wipe (&secret);
        }
    }
  if (credentials->region == NULL)
    {
      credentials->region = g_key_file_get_string (file, group, "region", NULL);
      if (credentials->region != NULL)
        g_strstrip (credentials->region);
    }
}

void
rs_s3_credentials_resolve (RsS3Credentials *credentials,
                           const char      *access_key,
                           const char      *secret_key,
                           const char      *session_token,
                           const char      *profile)
{
  g_autofree char *shared = NULL;
  g_autofree char *config = NULL;
  g_autofree char *config_group = NULL;

  memset (credentials, 0, sizeof *credentials);
  if (nonempty (access_key) && nonempty (secret_key))
    {
      credentials->access_key = g_strdup (access_key);
      credentials->secret_key = g_strdup (secret_key);
      credentials->session_token = nonempty (session_token) ? g_strdup (session_token) : NULL;
    }
  else if (!nonempty (profile) && nonempty (g_getenv ("AWS_ACCESS_KEY_ID")) &&
           nonempty (g_getenv ("AWS_SECRET_ACCESS_KEY")))
    {
      credentials->access_key = g_strdup (g_getenv ("AWS_ACCESS_KEY_ID"));
      credentials->secret_key = g_strdup (g_getenv ("AWS_SECRET_ACCESS_KEY"));
      if (nonempty (g_getenv ("AWS_SESSION_TOKEN")))
        credentials->session_token = g_strdup (g_getenv ("AWS_SESSION_TOKEN"));
    }
  if (!nonempty (profile))
    profile = nonempty (g_getenv ("AWS_PROFILE")) ? g_getenv ("AWS_PROFILE") : "default";
  shared = file_path ("AWS_SHARED_CREDENTIALS_FILE", "credentials");
  config = file_path ("AWS_CONFIG_FILE", "config");
  config_group = strcmp (profile, "default") == 0 ? g_strdup ("default")
                                                  : g_strdup_printf ("profile %s", profile);
  read_profile (credentials, shared, profile);
  read_profile (credentials, config, config_group);
}

void
rs_s3_credentials_clear (RsS3Credentials *credentials)
{
  g_clear_pointer (&credentials->access_key, g_free);
  wipe (&credentials->secret_key);
  wipe (&credentials->session_token);
  g_clear_pointer (&credentials->region, g_free);
}
