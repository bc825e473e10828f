/* rs-retry-policy.h: how network backends retry transient failures */
#pragma once

#if !defined(REMOTESTORE_INSIDE) && !defined(REMOTESTORE_COMPILATION)
#error "Only <remotestore/remotestore.h> can be included directly."
#endif

#include <remotestore/rs-types.h>

G_BEGIN_DECLS

#define RS_TYPE_RETRY_POLICY (rs_retry_policy_get_type ())

RS_AVAILABLE_IN_1_0
GType          rs_retry_policy_get_type          (void) G_GNUC_CONST;
RS_AVAILABLE_IN_1_0
RsRetryPolicy *rs_retry_policy_new               (void);
RS_AVAILABLE_IN_1_0
RsRetryPolicy *rs_retry_policy_copy              (const RsRetryPolicy *self);
RS_AVAILABLE_IN_1_0
void           rs_retry_policy_free              (RsRetryPolicy *self);

RS_AVAILABLE_IN_1_0
guint          rs_retry_policy_get_attempts      (const RsRetryPolicy *self);
RS_AVAILABLE_IN_1_0
void           rs_retry_policy_set_attempts      (RsRetryPolicy *self,
                                                  guint          attempts);
RS_AVAILABLE_IN_1_0
guint          rs_retry_policy_get_base_delay_ms (const RsRetryPolicy *self);
RS_AVAILABLE_IN_1_0
void           rs_retry_policy_set_base_delay_ms (RsRetryPolicy *self,
                                                  guint          delay_ms);
RS_AVAILABLE_IN_1_0
guint          rs_retry_policy_get_max_delay_ms  (const RsRetryPolicy *self);
RS_AVAILABLE_IN_1_0
void           rs_retry_policy_set_max_delay_ms  (RsRetryPolicy *self,
                                                  guint          delay_ms);
RS_AVAILABLE_IN_1_0
double         rs_retry_policy_get_jitter        (const RsRetryPolicy *self);
RS_AVAILABLE_IN_1_0
void           rs_retry_policy_set_jitter        (RsRetryPolicy *self,
                                                  double         jitter);
RS_AVAILABLE_IN_1_0
guint          rs_retry_policy_get_deadline_ms   (const RsRetryPolicy *self);
RS_AVAILABLE_IN_1_0
void           rs_retry_policy_set_deadline_ms   (RsRetryPolicy *self,
                                                  guint          deadline_ms);
RS_AVAILABLE_IN_1_0
guint          rs_retry_policy_get_delay_ms      (const RsRetryPolicy *self,
                                                  guint          attempt);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsRetryPolicy, rs_retry_policy_free)

G_END_DECLS
