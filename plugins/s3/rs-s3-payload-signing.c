/* rs-s3-payload-signing.c: the payload-signing option's enum type */
#include "rs-s3-payload-signing.h"

G_DEFINE_ENUM_TYPE (RsS3PayloadSigning, rs_s3_payload_signing,
                    G_DEFINE_ENUM_VALUE (RS_S3_PAYLOAD_SIGNING_AUTO, "auto"),
                    G_DEFINE_ENUM_VALUE (RS_S3_PAYLOAD_SIGNING_SIGNED, "signed"),
                    G_DEFINE_ENUM_VALUE (RS_S3_PAYLOAD_SIGNING_UNSIGNED, "unsigned"))
