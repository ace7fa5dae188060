/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-patients"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "patients-test-helpers.h"

/* Importing and searching many patients through the store API, on an
 * encrypted practice in a temporary folder. Prints one line per figure:
 *
 *   bench-patients [N]     (default 100000)
 *
 * Not part of the test suite: a program to run and read (TESTING.md,
 * "Evidence harness"). */

static const char *given[] = {
  "José", "María", "Zoë", "François", "Søren", "Łukasz", "Ana", "John", "Aisha", "Mohammed",
  "Ольга", "Дмитрий", "Γιώργος", "Ελένη", "小明", "美玲", "Yuki", "Hiroshi", "Ngozi", "Chidi",
  "Priya", "Arjun", "Siobhán", "Seán", "Björn", "Ingrid", "Çağla", "Emre", "Thảo", "Minh",
};

static const char *family[] = {
  "Núñez", "García", "O'Brien", "Müller", "Nakamura", "Okafor", "Smith", "Nguyễn", "Kowalski",
  "Ivanova", "Петров", "Παπαδόπουλος", "王", "李", "김", "Öztürk", "Johansson", "Dubois",
  "Rossi", "Silva", "Khan", "Haddad", "Cohen", "Singh", "Murphy", "Schäfer", "Nowak", "Tanaka",
  "Fernández", "Lefèvre", "Andersen", "Virtanen", "Horvát", "Popescu", "Yılmaz", "Mensah",
};

static GPtrArray *
make_patients (guint n)
{
  GPtrArray *patients = g_ptr_array_new_full (n, g_object_unref);
  GRand *rand = g_rand_new_with_seed (20261122);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *legal = NULL;
      g_autofree char *dob = NULL;
      g_autofree char *phone = NULL;
      TonicPatientFields f;

      legal = g_strdup_printf ("%s %s", given[g_rand_int_range (rand, 0, G_N_ELEMENTS (given))],
                               family[g_rand_int_range (rand, 0, G_N_ELEMENTS (family))]);
      dob = g_strdup_printf ("%04d-%02d-%02d", g_rand_int_range (rand, 1940, 2006),
                             g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));
      phone = g_strdup_printf ("+44 7%03d %06d", g_rand_int_range (rand, 0, 1000),
                               g_rand_int_range (rand, 0, 1000000));

      patients_test_fields (&f, legal, dob);
      f.phone_mobile = phone;
      f.email = "someone@example.org";
      f.city = "Zürich";
      g_ptr_array_add (patients, tonic_patient_new (&f));
    }

  g_rand_free (rand);

  return patients;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
time_search (TonicStore       *store,
             const char       *text,
             TonicPatientSort  sort,
             guint             n_patients)
{
  TonicPatientQuery query = { text, TONIC_PATIENT_STATUS_ACTIVE, 0, FALSE, NULL, sort };
  g_autofree char *plan = patients_test_explain (store, &query, FALSE);
  double times[21];
  double count_times[21];
  guint count = 0;
  guint listed = 0;

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) page = NULL;
      gint64 start = g_get_monotonic_time ();

      /* What the list does on a new query: count, then the first page. */
      count = patients_test_count_patients (store, &query, &error);
      g_assert_no_error (error);
      count_times[i] = (g_get_monotonic_time () - start) / 1000.0;
      page = patients_test_list_patients (store, &query, 0, 100, &error);
      g_assert_no_error (error);
      listed = page->len;
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
    }

  qsort (times, G_N_ELEMENTS (times), sizeof (double), compare_doubles);
  qsort (count_times, G_N_ELEMENTS (count_times), sizeof (double), compare_doubles);
  printf ("search n=%u text=\"%s\" sort=%d matches=%u page=%u count+page_ms p50=%.2f max=%.2f"
          " count_ms p50=%.2f\n",
          n_patients, text != NULL ? text : "", sort, count, listed,
          times[G_N_ELEMENTS (times) / 2], times[G_N_ELEMENTS (times) - 1],
          count_times[G_N_ELEMENTS (count_times) / 2]);
  if (g_getenv ("BENCH_PLANS") != NULL)
    printf ("  plan: %s\n", plan);
}

static void
time_deep_page (TonicStore *store,
                guint       n_patients)
{
  TonicPatientQuery query = { NULL, TONIC_PATIENT_STATUS_ACTIVE, 0, FALSE, NULL,
                              TONIC_PATIENT_SORT_NAME };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = NULL;
  guint offset = n_patients > 200 ? n_patients - 200 : 0;
  gint64 start = g_get_monotonic_time ();

  page = patients_test_list_patients (store, &query, offset, 100, &error);
  g_assert_no_error (error);
  printf ("page n=%u offset=%u rows=%u ms=%.2f\n", n_patients, offset, page->len,
          (g_get_monotonic_time () - start) / 1000.0);
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 100000;
  g_autofree char *dir = store_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "practice.db", NULL);
  g_autoptr(TonicKey) key = store_test_key (3);
  g_autoptr(TonicStore) store = NULL;
  g_autoptr(GPtrArray) patients = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;
  double seconds;

  store = store_test_open_signed_in (path, key);

  start = g_get_monotonic_time ();
  patients = make_patients (n);
  printf ("generate n=%u s=%.2f\n", n, (g_get_monotonic_time () - start) / 1e6);

  start = g_get_monotonic_time ();
  g_assert_true (patients_test_import (store, patients, NULL, &error));
  g_assert_no_error (error);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  printf ("import n=%u s=%.2f patients_per_s=%.0f\n", n, seconds, n / seconds);

  if (g_getenv ("BENCH_IMPORT_ONLY") != NULL)
    {
      tonic_store_close (store);
      if (g_getenv ("BENCH_KEEP") != NULL)
        printf ("kept %s\n", path);
      else
        store_test_remove_dir (dir);
      return 0;
    }

  /* What a larger page cache would give (the store opens with SQLite's
   * default): BENCH_CACHE=-32768 for 32 MiB. */
  if (g_getenv ("BENCH_CACHE") != NULL)
    {
      g_autofree char *pragma = g_strdup_printf ("PRAGMA cache_size = %s", g_getenv ("BENCH_CACHE"));

      g_free (store_test_query (store, pragma, &error));
      g_assert_no_error (error);
      printf ("cache %s\n", g_getenv ("BENCH_CACHE"));
    }

  time_search (store, NULL, TONIC_PATIENT_SORT_NAME, n);
  time_search (store, NULL, TONIC_PATIENT_SORT_MRN, n);
  time_search (store, NULL, TONIC_PATIENT_SORT_DATE_OF_BIRTH, n);
  time_search (store, NULL, TONIC_PATIENT_SORT_RECENT, n);
  time_search (store, "jose", TONIC_PATIENT_SORT_NAME, n);
  time_search (store, "j", TONIC_PATIENT_SORT_NAME, n);
  time_search (store, "maria garc", TONIC_PATIENT_SORT_NAME, n);
  time_search (store, "nunez", TONIC_PATIENT_SORT_NAME, n);
  time_search (store, "петр", TONIC_PATIENT_SORT_NAME, n);
  time_search (store, "王", TONIC_PATIENT_SORT_NAME, n);
  time_search (store, "TN-00500", TONIC_PATIENT_SORT_NAME, n);
  time_search (store, "3/4/1980", TONIC_PATIENT_SORT_NAME, n);
  time_search (store, "1980-04-03", TONIC_PATIENT_SORT_NAME, n);
  time_search (store, "7123 456", TONIC_PATIENT_SORT_NAME, n);
  time_search (store, "zzzz", TONIC_PATIENT_SORT_NAME, n);
  time_deep_page (store, n);

  tonic_store_close (store);
  {
    g_autofree char *db = g_build_filename (dir, "practice.db", NULL);
    GStatBuf buf;

    if (g_stat (db, &buf) == 0)
      printf ("file n=%u mib=%.1f\n", n, buf.st_size / 1048576.0);
  }
  store_test_remove_dir (dir);

  return 0;
}
