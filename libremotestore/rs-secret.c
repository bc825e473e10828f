/* rs-secret.c: a credential that never prints */
#include "config.h"

#include <string.h>

#include "rs-private.h"

/**
 * RsSecret:
 *
 * A credential (a password, a secret key, a SAS token). Its printable form,
 * rs_secret_to_string(), is always `***`: a secret passed around as an
 * #RsSecret cannot end up in a message, a log line or a resolution plan by
 * accident. Only rs_secret_reveal() gives the value, for the one place that
 * signs or sends it. The memory is wiped when the last reference goes.
 */
struct _RsSecret
{
  gatomicrefcount ref;
  char *value;
};

G_DEFINE_BOXED_TYPE (RsSecret, rs_secret, rs_secret_ref, rs_secret_unref)

/**
 * rs_secret_new:
 * @value: (nullable): the secret value; %NULL is the empty secret
 *
 * Wraps a copy of @value.
 *
 * Returns: (transfer full): a new #RsSecret
 */
RsSecret *
rs_secret_new (const char *value)
{
  RsSecret *self = g_new0 (RsSecret, 1);

  g_atomic_ref_count_init (&self->ref);
  self->value = g_strdup (value != NULL ? value : "");
  return self;
}

/**
 * rs_secret_ref:
 * @self: a secret
 *
 * Takes a reference on @self.
 *
 * Returns: (transfer full): @self
 */
RsSecret *
rs_secret_ref (RsSecret *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

/**
 * rs_secret_unref:
 * @self: (transfer full): a secret
 *
 * Drops a reference; the value is wiped when the last one goes.
 */
void
rs_secret_unref (RsSecret *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref))
    return;
  explicit_bzero (self->value, strlen (self->value));
  g_free (self->value);
  g_free (self);
}

/**
 * rs_secret_reveal:
 * @self: a secret
 *
 * The value itself. Use it only to sign or send; never format it.
 *
 * Returns: the value
 */
const char *
rs_secret_reveal (RsSecret *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->value;
}

/**
 * rs_secret_to_string:
 * @self: a secret
 *
 * The printable form of any secret.
 *
 * Returns: `***`
 */
const char *
rs_secret_to_string (RsSecret *self)
{
  return "***";
}

/**
 * rs_secret_is_empty:
 * @self: a secret
 *
 * Checks whether the secret is the empty string.
 *
 * Returns: whether the secret is the empty string
 */
gboolean
rs_secret_is_empty (RsSecret *self)
{
  g_return_val_if_fail (self != NULL, TRUE);
  return self->value[0] == '\0';
}
