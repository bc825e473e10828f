/* test-sigv4.c: SigV4 against vectors of the published AWS SigV4 test suite
 * and the worked examples of the S3 SigV4 documentation. */
#include "rs-s3-sigv4.h"

#define SUITE_ACCESS "AKIDEXAMPLE"
#define SUITE_SECRET "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
#define SUITE_DATE "20150830T123600Z"
#define S3_ACCESS "AKIAIOSFODNN7EXAMPLE"
#define S3_SECRET "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
#define S3_DATE "20130524T000000Z"

typedef struct
{
  const char *name;
  const char *method;
  const char *url;
  const char *headers[8];       /* name, value, …, NULL */
  const char *payload_hash;
  const char *secret;
  const char *date;
  const char *region;
  const char *service;
  const char *signed_headers;
  const char *signature;
} Vector;

static const Vector vectors[] = {
  { "get-vanilla", "GET", "https://example.amazonaws.com/",
    { "x-amz-date", SUITE_DATE, NULL }, RS_S3_EMPTY_SHA256, SUITE_SECRET, SUITE_DATE,
    "us-east-1", "service", "host;x-amz-date",
    "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31" },
  { "get-vanilla-query-order-key-case", "GET", "https://example.amazonaws.com/?Param2=value2&Param1=value1",
    { "x-amz-date", SUITE_DATE, NULL }, RS_S3_EMPTY_SHA256, SUITE_SECRET, SUITE_DATE,
    "us-east-1", "service", "host;x-amz-date",
    "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500" },
  { "post-vanilla", "POST", "https://example.amazonaws.com/",
    { "x-amz-date", SUITE_DATE, NULL }, RS_S3_EMPTY_SHA256, SUITE_SECRET, SUITE_DATE,
    "us-east-1", "service", "host;x-amz-date",
    "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b" },
  { "get-header-value-trim", "GET", "https://example.amazonaws.com/",
    { "My-Header1", " value1", "My-Header2", " \"a   b   c\"", "x-amz-date", SUITE_DATE, NULL },
    RS_S3_EMPTY_SHA256, SUITE_SECRET, SUITE_DATE, "us-east-1", "service",
    "host;my-header1;my-header2;x-amz-date",
    "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736" },
  { "s3-get-object-range", "GET", "https://examplebucket.s3.amazonaws.com/test.txt",
    { "range", "bytes=0-9", "x-amz-content-sha256", RS_S3_EMPTY_SHA256, "x-amz-date", S3_DATE, NULL },
    RS_S3_EMPTY_SHA256, S3_SECRET, S3_DATE, "us-east-1", "s3",
    "host;range;x-amz-content-sha256;x-amz-date",
    "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41" },
  { "s3-list-objects", "GET", "https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J",
    { "x-amz-content-sha256", RS_S3_EMPTY_SHA256, "x-amz-date", S3_DATE, NULL },
    RS_S3_EMPTY_SHA256, S3_SECRET, S3_DATE, "us-east-1", "s3",
    "host;x-amz-content-sha256;x-amz-date",
    "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7" },
};

static GPtrArray *
header_array (const Vector *v)
{
  GPtrArray *headers = g_ptr_array_new ();

  for (guint i = 0; v->headers[i] != NULL; i += 2)
    {
      g_ptr_array_add (headers, (gpointer) v->headers[i]);
      g_ptr_array_add (headers, (gpointer) v->headers[i + 1]);
    }
  return headers;
}

static void
test_vector (gconstpointer data)
{
  const Vector *v = data;
  g_autoptr(GPtrArray) headers = header_array (v);
  g_autofree char *signed_headers = NULL;
  g_autofree char *canonical = rs_s3_sigv4_canonical_request (v->method, v->url, headers,
                                                              v->payload_hash, &signed_headers);
  g_autofree char *date = g_strndup (v->date, 8);
  g_autofree char *scope = g_strdup_printf ("%s/%s/%s/aws4_request", date, v->region, v->service);
  g_autofree char *to_sign = rs_s3_sigv4_string_to_sign (v->date, scope, canonical);
  g_autofree char *signature = rs_s3_sigv4_signature (v->secret, date, v->region, v->service, to_sign);

  g_assert_cmpstr (signed_headers, ==, v->signed_headers);
  g_assert_cmpstr (signature, ==, v->signature);
}

/* The canonical request of get-vanilla, spelled out by the suite. */
static void
test_canonical_get_vanilla (void)
{
  g_autoptr(GPtrArray) headers = header_array (&vectors[0]);
  g_autofree char *signed_headers = NULL;
  g_autofree char *canonical = rs_s3_sigv4_canonical_request ("GET", vectors[0].url, headers,
                                                              RS_S3_EMPTY_SHA256, &signed_headers);

  g_assert_cmpstr (canonical, ==,
                   "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
                   "host;x-amz-date\n" RS_S3_EMPTY_SHA256);
}

/* The whole header, as the S3 plugin signs a request. */
static void
test_sign_request (void)
{
  g_autoptr(RsHttpRequest) request = rs_http_request_new ("GET", "https://examplebucket.s3.amazonaws.com/test.txt");
  RsS3SigningKey key = { S3_ACCESS, S3_SECRET, NULL, "us-east-1", "s3" };

  rs_http_request_set_header (request, "Range", "bytes=0-9");
  rs_s3_sigv4_sign (request, &key, RS_S3_EMPTY_SHA256, S3_DATE);
  g_assert_cmpstr (rs_http_request_get_header (request, "authorization"), ==,
                   "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                   "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                   "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  g_assert_null (rs_http_request_get_header (request, "x-amz-security-token"));

  /* Re-signing (a retry) replaces the header rather than signing it. */
  rs_s3_sigv4_sign (request, &key, RS_S3_EMPTY_SHA256, S3_DATE);
  g_assert_true (g_str_has_suffix (rs_http_request_get_header (request, "authorization"),
                                   "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"));
}

/* A session token is a signed header; a port is part of the host. */
static void
test_token_and_port (void)
{
  g_autoptr(RsHttpRequest) request = rs_http_request_new ("GET", "http://127.0.0.1:9000/b/k?list-type=2");
  RsS3SigningKey key = { S3_ACCESS, S3_SECRET, "TOKEN", "us-east-1", "s3" };
  g_autofree char *signed_headers = NULL;
  g_autofree char *canonical = NULL;

  rs_s3_sigv4_sign (request, &key, RS_S3_EMPTY_SHA256, S3_DATE);
  g_assert_cmpstr (rs_http_request_get_header (request, "x-amz-security-token"), ==, "TOKEN");
  g_assert_nonnull (strstr (rs_http_request_get_header (request, "authorization"),
                            "SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,"));
  rs_http_request_set_header (request, "authorization", NULL);
  canonical = rs_s3_sigv4_canonical_request ("GET", rs_http_request_get_url (request),
                                             rs_http_request_get_headers (request),
                                             RS_S3_EMPTY_SHA256, &signed_headers);
  g_assert_true (g_str_has_prefix (canonical, "GET\n/b/k\nlist-type=2\nhost:127.0.0.1:9000\n"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autofree char *name = g_strdup_printf ("/s3/sigv4/vector/%s", vectors[i].name);

      g_test_add_data_func (name, &vectors[i], test_vector);
    }
  g_test_add_func ("/s3/sigv4/canonical/get-vanilla", test_canonical_get_vanilla);
  g_test_add_func ("/s3/sigv4/sign-request", test_sign_request);
  g_test_add_func ("/s3/sigv4/token-and-port", test_token_and_port);
  return g_test_run ();
}
