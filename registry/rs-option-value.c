/* rs-option-value.c: backend options, from strings to property values
 *
 * Backend options are the backend's writable properties; strings from a
 * URI, a config file or a GHashTable become values of the property's type.
 * An option value is never quoted back in a message: it may have come
 * from an environment placeholder, or be a secret put in the wrong
 * option. */
#include "config.h"

#include "rs-registry-private.h"

static gboolean
bad_value (const char  *backend_name,
           GParamSpec  *pspec,
           const char  *expected,
           GError     **error)
{
  g_set_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT,
               _("Invalid value for option “%s” of the %s backend: expected %s"),
               pspec->name, backend_name, expected);
  return FALSE;
}

static gboolean
parse_boolean (const char *text,
               gboolean   *value)
{
  static const char *const yes[] = { "true", "yes", "on", "1", NULL };
  static const char *const no[] = { "false", "no", "off", "0", NULL };

  for (guint i = 0; yes[i] != NULL; i++)
    if (g_ascii_strcasecmp (text, yes[i]) == 0)
      {
        *value = TRUE;
        return TRUE;
      }
  for (guint i = 0; no[i] != NULL; i++)
    if (g_ascii_strcasecmp (text, no[i]) == 0)
      {
        *value = FALSE;
        return TRUE;
      }
  return FALSE;
}

gboolean
rs_option_value_parse (GParamSpec  *pspec,
                       const char  *backend_name,
                       const char  *text,
                       GValue      *value,
                       GError     **error)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);
  gint64 number;
  guint64 unumber;
  gboolean flag;
  char *end = NULL;
  double real;

  g_value_init (value, type);
  if (type == G_TYPE_STRING)
    g_value_set_string (value, text);
  else if (type == RS_TYPE_SECRET)
    g_value_take_boxed (value, rs_secret_new (text));
  else if (type == G_TYPE_BOOLEAN)
    {
      if (!parse_boolean (text, &flag))
        return bad_value (backend_name, pspec, _("true or false"), error);
      g_value_set_boolean (value, flag);
    }
  else if (type == G_TYPE_INT || type == G_TYPE_INT64)
    {
      if (!g_ascii_string_to_signed (text, 10, type == G_TYPE_INT ? G_MININT : G_MININT64,
                                     type == G_TYPE_INT ? G_MAXINT : G_MAXINT64, &number, NULL))
        return bad_value (backend_name, pspec, _("an integer"), error);
      if (type == G_TYPE_INT)
        g_value_set_int (value, (int) number);
      else
        g_value_set_int64 (value, number);
    }
  else if (type == G_TYPE_UINT || type == G_TYPE_UINT64)
    {
      if (!g_ascii_string_to_unsigned (text, 10, 0, type == G_TYPE_UINT ? G_MAXUINT : G_MAXUINT64,
                                       &unumber, NULL))
        return bad_value (backend_name, pspec, _("a non-negative integer"), error);
      if (type == G_TYPE_UINT)
        g_value_set_uint (value, (guint) unumber);
      else
        g_value_set_uint64 (value, unumber);
    }
  else if (type == G_TYPE_DOUBLE)
    {
      real = g_ascii_strtod (text, &end);
      if (end == text || *end != '\0')
        return bad_value (backend_name, pspec, _("a number"), error);
      g_value_set_double (value, real);
    }
  else if (G_TYPE_IS_ENUM (type))
    {
      GEnumClass *klass = g_type_class_ref (type);
      GEnumValue *v = g_enum_get_value_by_nick (klass, text);

      g_type_class_unref (klass);
      if (v == NULL)
        return bad_value (backend_name, pspec, _("one of the names the option documents"), error);
      g_value_set_enum (value, v->value);
    }
  else
    {
      g_set_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT,
                   _("Option “%s” of the %s backend cannot be set from text"),
                   pspec->name, backend_name);
      return FALSE;
    }
  /* Range checks of the property itself (minimum, maximum). */
  if (g_param_value_validate (pspec, value))
    return bad_value (backend_name, pspec, _("a value in the option's range"), error);
  return TRUE;
}

static const char *const retry_keys[] = {
  "retry-attempts", "retry-base-delay-ms", "retry-max-delay-ms", "retry-jitter",
  "retry-deadline-ms", NULL
};

gboolean
rs_option_is_retry_key (const char *key)
{
  return g_strv_contains (retry_keys, key);
}

gboolean
rs_option_apply_retry (RsRetryPolicy  *policy,
                       const char     *key,
                       const char     *text,
                       GError        **error)
{
  guint64 number = 0;
  double real;
  char *end = NULL;

  if (strcmp (key, "retry-jitter") == 0)
    {
      real = g_ascii_strtod (text, &end);
      if (end == text || *end != '\0' || real < 0 || real > 1)
        goto bad;
      rs_retry_policy_set_jitter (policy, real);
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &number, NULL))
    goto bad;
  if (strcmp (key, "retry-attempts") == 0)
    {
      if (number < 1)
        goto bad;
      rs_retry_policy_set_attempts (policy, number);
    }
  else if (strcmp (key, "retry-base-delay-ms") == 0)
    rs_retry_policy_set_base_delay_ms (policy, number);
  else if (strcmp (key, "retry-max-delay-ms") == 0)
    rs_retry_policy_set_max_delay_ms (policy, number);
  else
    rs_retry_policy_set_deadline_ms (policy, number);
  return TRUE;

bad:
  g_set_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT,
               _("Invalid value for “%s”: expected %s"), key,
               strcmp (key, "retry-jitter") == 0 ? _("a number from 0 to 1")
               : strcmp (key, "retry-attempts") == 0 ? _("an integer of at least 1")
               : _("a non-negative integer"));
  return FALSE;
}
