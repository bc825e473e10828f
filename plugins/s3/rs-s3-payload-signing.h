/* rs-s3-payload-signing.h: the payload-signing option's enum type (not installed) */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Whether SigV4 covers the bytes of objects (PutObject, UploadPart). */
typedef enum
{
  RS_S3_PAYLOAD_SIGNING_AUTO,       /* unsigned over https, signed over http */
  RS_S3_PAYLOAD_SIGNING_SIGNED,     /* x-amz-content-sha256 of every body */
  RS_S3_PAYLOAD_SIGNING_UNSIGNED,   /* UNSIGNED-PAYLOAD for object bytes */
} RsS3PayloadSigning;

GType rs_s3_payload_signing_get_type (void);
#define RS_TYPE_S3_PAYLOAD_SIGNING (rs_s3_payload_signing_get_type ())

G_END_DECLS
