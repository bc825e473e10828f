/* rs-retry-policy.c: how network backends retry transient failures */
#include "config.h"

#include "rs-private.h"

/**
 * RsRetryPolicy:
 *
 * How a network backend retries an operation that failed with a transient
 * error (a reset connection, a 429 or 503…): at most
 * rs_retry_policy_get_attempts() attempts in all, waiting an exponentially
 * growing delay between them (base delay × 2ⁿ, capped at the maximum
 * delay, spread by ±jitter), and never past the overall deadline. A body
 * that cannot be replayed is never retried, whatever the policy says.
 *
 * In a configuration file the keys `retry-attempts`, `retry-base-delay-ms`,
 * `retry-max-delay-ms`, `retry-jitter` and `retry-deadline-ms` of a
 * `[backend NAME]` group set it.
 */
struct _RsRetryPolicy
{
  guint attempts;
  guint base_delay_ms;
  guint max_delay_ms;
  double jitter;
  guint deadline_ms;
};

G_DEFINE_BOXED_TYPE (RsRetryPolicy, rs_retry_policy, rs_retry_policy_copy, rs_retry_policy_free)

/**
 * rs_retry_policy_new:
 *
 * The default policy: 4 attempts, 100 ms base delay, 5 s maximum delay,
 * 0.2 jitter, 60 s overall deadline.
 *
 * Returns: (transfer full): a new policy
 */
RsRetryPolicy *
rs_retry_policy_new (void)
{
  RsRetryPolicy *self = g_new0 (RsRetryPolicy, 1);

  self->attempts = 4;
  self->base_delay_ms = 100;
  self->max_delay_ms = 5000;
  self->jitter = 0.2;
  self->deadline_ms = 60000;
  return self;
}

/**
 * rs_retry_policy_copy:
 * @self: a policy
 *
 * Makes a copy of @self.
 *
 * Returns: (transfer full): a copy of @self
 */
RsRetryPolicy *
rs_retry_policy_copy (const RsRetryPolicy *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_memdup2 (self, sizeof *self);
}

/**
 * rs_retry_policy_free:
 * @self: (transfer full): a policy
 *
 * Frees @self.
 */
void
rs_retry_policy_free (RsRetryPolicy *self)
{
  g_free (self);
}

/**
 * rs_retry_policy_get_attempts:
 * @self: a policy
 *
 * Gets the number of attempts in all (1 = no retry).
 *
 * Returns: the number of attempts in all (1 = no retry)
 */
guint
rs_retry_policy_get_attempts (const RsRetryPolicy *self)
{
  return self->attempts;
}

/**
 * rs_retry_policy_set_attempts:
 * @self: a policy
 * @attempts: attempts in all, at least 1
 *
 * Sets the number of attempts.
 */
void
rs_retry_policy_set_attempts (RsRetryPolicy *self,
                              guint          attempts)
{
  self->attempts = MAX (attempts, 1);
}

/**
 * rs_retry_policy_get_base_delay_ms:
 * @self: a policy
 *
 * Gets the delay before the first retry, in milliseconds.
 *
 * Returns: the delay before the first retry, in milliseconds
 */
guint
rs_retry_policy_get_base_delay_ms (const RsRetryPolicy *self)
{
  return self->base_delay_ms;
}

/**
 * rs_retry_policy_set_base_delay_ms:
 * @self: a policy
 * @delay_ms: milliseconds
 *
 * Sets the delay before the first retry.
 */
void
rs_retry_policy_set_base_delay_ms (RsRetryPolicy *self,
                                   guint          delay_ms)
{
  self->base_delay_ms = delay_ms;
}

/**
 * rs_retry_policy_get_max_delay_ms:
 * @self: a policy
 *
 * Gets the cap on any one delay, in milliseconds.
 *
 * Returns: the cap on any one delay, in milliseconds
 */
guint
rs_retry_policy_get_max_delay_ms (const RsRetryPolicy *self)
{
  return self->max_delay_ms;
}

/**
 * rs_retry_policy_set_max_delay_ms:
 * @self: a policy
 * @delay_ms: milliseconds
 *
 * Sets the cap on any one delay.
 */
void
rs_retry_policy_set_max_delay_ms (RsRetryPolicy *self,
                                  guint          delay_ms)
{
  self->max_delay_ms = delay_ms;
}

/**
 * rs_retry_policy_get_jitter:
 * @self: a policy
 *
 * Gets the relative spread of each delay, from 0 to 1.
 *
 * Returns: the relative spread of each delay, from 0 to 1
 */
double
rs_retry_policy_get_jitter (const RsRetryPolicy *self)
{
  return self->jitter;
}

/**
 * rs_retry_policy_set_jitter:
 * @self: a policy
 * @jitter: from 0 (none) to 1 (a delay anywhere from 0 to twice its value)
 *
 * Sets the relative spread of each delay.
 */
void
rs_retry_policy_set_jitter (RsRetryPolicy *self,
                            double         jitter)
{
  self->jitter = CLAMP (jitter, 0.0, 1.0);
}

/**
 * rs_retry_policy_get_deadline_ms:
 * @self: a policy
 *
 * Gets the overall deadline of an operation and its retries, in milliseconds (0: none).
 *
 * Returns: the overall deadline of an operation and its retries, in
 *   milliseconds (0: none)
 */
guint
rs_retry_policy_get_deadline_ms (const RsRetryPolicy *self)
{
  return self->deadline_ms;
}

/**
 * rs_retry_policy_set_deadline_ms:
 * @self: a policy
 * @deadline_ms: milliseconds, 0 for none
 *
 * Sets the overall deadline.
 */
void
rs_retry_policy_set_deadline_ms (RsRetryPolicy *self,
                                 guint          deadline_ms)
{
  self->deadline_ms = deadline_ms;
}

/**
 * rs_retry_policy_get_delay_ms:
 * @self: a policy
 * @attempt: the attempt that just failed, from 1
 *
 * The delay to wait before the next attempt, jitter applied.
 *
 * Returns: milliseconds
 */
guint
rs_retry_policy_get_delay_ms (const RsRetryPolicy *self,
                              guint                attempt)
{
  double delay = self->base_delay_ms;
  double spread;

  for (guint i = 1; i < attempt && delay < self->max_delay_ms; i++)
    delay *= 2;
  delay = MIN (delay, (double) self->max_delay_ms);
  spread = delay * self->jitter;
  delay += g_random_double_range (-spread, spread);
  return (guint) MAX (delay, 0.0);
}
