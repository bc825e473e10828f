/* rs-s3-xml.h: the small XML documents of the S3 API, read with GMarkup */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A document as two levels: the root's simple children (fields), and
 * repeated "record" children (Contents, CommonPrefixes, Deleted, Error…),
 * each with its own simple children. */
typedef struct
{
  char *name;
  GHashTable *fields;           /* element name → text */
} RsS3XmlRecord;

typedef struct
{
  char *root;
  GHashTable *fields;
  GPtrArray *records;           /* RsS3XmlRecord */
} RsS3Xml;

RsS3Xml    *rs_s3_xml_parse (const char          *text,
                             gsize                length,
                             const char * const  *record_names,
                             GError             **error);
void        rs_s3_xml_free  (RsS3Xml             *xml);
const char *rs_s3_xml_get   (RsS3Xml             *xml,
                             const char          *field);

/* Escapes text for an element's content. */
char       *rs_s3_xml_escape (const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsS3Xml, rs_s3_xml_free)

G_END_DECLS
