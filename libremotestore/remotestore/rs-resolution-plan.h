/* rs-resolution-plan.h: how a store path maps onto its backend */
#pragma once

#if !defined(REMOTESTORE_INSIDE) && !defined(REMOTESTORE_COMPILATION)
#error "Only <remotestore/remotestore.h> can be included directly."
#endif

#include <remotestore/rs-types.h>

G_BEGIN_DECLS

#define RS_TYPE_RESOLUTION_PLAN (rs_resolution_plan_get_type ())
RS_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (RsResolutionPlan, rs_resolution_plan, RS, RESOLUTION_PLAN, GObject)

RS_AVAILABLE_IN_1_0
const char *rs_resolution_plan_get_kind        (RsResolutionPlan *self);
RS_AVAILABLE_IN_1_0
const char *rs_resolution_plan_get_backend     (RsResolutionPlan *self);
RS_AVAILABLE_IN_1_0
const char *rs_resolution_plan_get_key         (RsResolutionPlan *self);
RS_AVAILABLE_IN_1_0
const char *rs_resolution_plan_get_native_path (RsResolutionPlan *self);
RS_AVAILABLE_IN_1_0
GHashTable *rs_resolution_plan_get_details     (RsResolutionPlan *self);
RS_AVAILABLE_IN_1_0
char       *rs_resolution_plan_to_string       (RsResolutionPlan *self);

G_END_DECLS
