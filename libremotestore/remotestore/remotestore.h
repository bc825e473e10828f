/* remotestore.h: the umbrella header of libremotestore */
#pragma once

#define REMOTESTORE_INSIDE

#include <remotestore/rs-version.h>
#include <remotestore/rs-types.h>
#include <remotestore/rs-enum-types.h>
#include <remotestore/rs-error.h>
#include <remotestore/rs-secret.h>
#include <remotestore/rs-retry-policy.h>
#include <remotestore/rs-entry.h>
#include <remotestore/rs-file-info.h>
#include <remotestore/rs-folder-entry.h>
#include <remotestore/rs-folder-info.h>
#include <remotestore/rs-write-result.h>
#include <remotestore/rs-resolution-plan.h>
#include <remotestore/rs-backend-writer.h>
#include <remotestore/rs-backend.h>
#include <remotestore/rs-enumerator.h>
#include <remotestore/rs-store.h>
#include <remotestore/rs-plugin.h>
#include <remotestore/rs-plugin-info.h>
#include <remotestore/rs-registry.h>

#undef REMOTESTORE_INSIDE
