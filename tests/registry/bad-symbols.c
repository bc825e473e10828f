/* bad-symbols.c: a library exporting librsync's names and names outside
 * the allow-list, to prove check-symbols.py rejects them. */

int rs_file_open (void);
int rs_job_iter (void);
int rs_store_fine (void);

int
rs_file_open (void)
{
  return 1;
}

int
rs_job_iter (void)
{
  return 2;
}

/* Allowed: rs_<typeword>_… */
int
rs_store_fine (void)
{
  return 3;
}
