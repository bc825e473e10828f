/* unlisted-symbols.c: a library exporting names that collide with nothing
 * but are outside the allow-list, to prove check-symbols.py rejects them. */

int rs_widget_new (void);
int store_new (void);
int rs_store (void);

int
rs_widget_new (void)
{
  return 1;
}

/* Not rs_ at all. */
int
store_new (void)
{
  return 2;
}

/* A type word with nothing after it. */
int
rs_store (void)
{
  return 3;
}
