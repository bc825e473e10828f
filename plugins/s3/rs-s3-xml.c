/* rs-s3-xml.c: the small XML documents of the S3 API, read with GMarkup */
#include <glib/gi18n-lib.h>

#include "rs-s3-xml.h"

typedef struct
{
  RsS3Xml *xml;
  const char * const *record_names;
  int depth;
  RsS3XmlRecord *record;        /* open record, at depth 2 */
  char *element;                /* the open simple element */
  GString *text;
} Parse;

static gboolean
is_record (Parse      *parse,
           const char *name)
{
  return parse->record_names != NULL && g_strv_contains (parse->record_names, name);
}

static void
record_free (gpointer data)
{
  RsS3XmlRecord *record = data;

  g_free (record->name);
  g_hash_table_unref (record->fields);
  g_free (record);
}

static GHashTable *
fields_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
start_element (GMarkupParseContext  *context,
               const char           *name,
               const char          **attribute_names,
               const char          **attribute_values,
               gpointer              data,
               GError              **error)
{
  Parse *parse = data;

  parse->depth++;
  if (parse->depth == 1)
    parse->xml->root = g_strdup (name);
  else if (parse->depth == 2 && is_record (parse, name))
    {
      parse->record = g_new0 (RsS3XmlRecord, 1);
      parse->record->name = g_strdup (name);
      parse->record->fields = fields_new ();
      g_ptr_array_add (parse->xml->records, parse->record);
    }
  else if (parse->depth == 2 || (parse->depth == 3 && parse->record != NULL))
    {
      g_free (parse->element);
      parse->element = g_strdup (name);
      g_string_truncate (parse->text, 0);
    }
}

static void
end_element (GMarkupParseContext  *context,
             const char           *name,
             gpointer              data,
             GError              **error)
{
  Parse *parse = data;

  if (parse->element != NULL && strcmp (parse->element, name) == 0)
    {
      GHashTable *fields = parse->record != NULL ? parse->record->fields : parse->xml->fields;

      g_hash_table_insert (fields, g_steal_pointer (&parse->element), g_strdup (parse->text->str));
    }
  if (parse->depth == 2)
    parse->record = NULL;
  parse->depth--;
}

static void
text (GMarkupParseContext  *context,
      const char           *content,
      gsize                 length,
      gpointer              data,
      GError              **error)
{
  Parse *parse = data;

  if (parse->element != NULL)
    g_string_append_len (parse->text, content, length);
}

RsS3Xml *
rs_s3_xml_parse (const char          *content,
                 gsize                length,
                 const char * const  *record_names,
                 GError             **error)
{
  static const GMarkupParser parser = { start_element, end_element, text, NULL, NULL };
  RsS3Xml *xml = g_new0 (RsS3Xml, 1);
  Parse parse = { xml, record_names, 0, NULL, NULL, g_string_new (NULL) };
  GMarkupParseContext *context;
  gboolean ok;

  xml->fields = fields_new ();
  xml->records = g_ptr_array_new_with_free_func (record_free);
  /* Skip the XML declaration, which GMarkup treats as a passthrough. */
  context = g_markup_parse_context_new (&parser, G_MARKUP_IGNORE_QUALIFIED, &parse, NULL);
  ok = g_markup_parse_context_parse (context, content, length, error) &&
       g_markup_parse_context_end_parse (context, error);
  g_markup_parse_context_free (context);
  g_free (parse.element);
  g_string_free (parse.text, TRUE);
  if (!ok || xml->root == NULL)
    {
      if (ok)
        g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_EMPTY, _("the response is an empty XML document"));
      rs_s3_xml_free (xml);
      return NULL;
    }
  return xml;
}

void
rs_s3_xml_free (RsS3Xml *xml)
{
  g_free (xml->root);
  g_hash_table_unref (xml->fields);
  g_ptr_array_unref (xml->records);
  g_free (xml);
}

const char *
rs_s3_xml_get (RsS3Xml    *xml,
               const char *field)
{
  return g_hash_table_lookup (xml->fields, field);
}

char *
rs_s3_xml_escape (const char *content)
{
  return g_markup_escape_text (content, -1);
}
