/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-patient-list-100k"

#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include "patient-list-test-helpers.h"
#include "store-test-helpers.h"
#include "tonic-key-slots.h"
#include "tonic-practice-dir.h"
#include "tonic-sample-lib.h"
#include "tonic-search.h"

/* ARCHITECTURE.md, "How data flows" 4: a practice of 100,000 patients
 * (the sample generator's largest), searched through the paging list
 * model. Every answer is checked against the generator's own patients
 * (tonic-store-patients.h's search rules written out in C), the counts
 * against a direct count, and the model never holds more than
 * MAX_PAGES × PAGE_SIZE rows, even after reading positions spread over
 * the whole list. */

#define N_PATIENTS TONIC_SAMPLE_MAX_PATIENTS
#define SEED       TONIC_SAMPLE_DEFAULT_SEED
#define BOUND      (TONIC_PATIENT_LIST_MAX_PAGES * TONIC_PATIENT_LIST_PAGE_SIZE)
#define N_SPREAD   64

typedef struct
{
  char  *text;
  guint  expected;
} Query;

static double
seconds_since (gint64 started)
{
  return (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
}

static long
peak_rss_mib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

static void
init_options (TonicSampleOptions *options,
              GDateTime          *now)
{
  tonic_sample_options_init (options);
  options->n_patients = N_PATIENTS;
  options->seed = SEED;
  options->now = now;
  options->use_keyring = FALSE;
}

/* The patient at @index as the generator makes it. */
static TonicPatient *
generated_patient (GDateTime *now,
                   guint      index)
{
  g_autoptr(TonicSampleGenerator) generator = NULL;
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GPtrArray) batch = NULL;
  TonicSampleOptions options;

  init_options (&options, now);
  generator = tonic_sample_generator_new (&options);
  if (index > 0)
    skipped = tonic_sample_generator_next_batch (generator, index, NULL);
  batch = tonic_sample_generator_next_batch (generator, 1, NULL);

  return g_object_ref (g_ptr_array_index (batch, 0));
}

/* The oracle's answer for every query, in one pass over the generator. */
static void
count_expected (GDateTime *now,
                Query     *queries,
                guint      n_queries)
{
  g_autoptr(TonicSampleGenerator) generator = NULL;
  g_autoptr(GPtrArray) oracles = g_ptr_array_new_with_free_func ((GDestroyNotify) search_oracle_free);
  TonicSampleOptions options;

  for (guint q = 0; q < n_queries; q++)
    g_ptr_array_add (oracles, search_oracle_new (queries[q].text));

  init_options (&options, now);
  generator = tonic_sample_generator_new (&options);

  while (TRUE)
    {
      g_autoptr(GPtrArray) batch = tonic_sample_generator_next_batch (generator, 10000, NULL);

      if (batch->len == 0)
        break;

      for (guint i = 0; i < batch->len; i++)
        {
          TonicPatient *patient = g_ptr_array_index (batch, i);

          if (tonic_patient_get_archived (patient))
            continue;
          for (guint q = 0; q < n_queries; q++)
            if (search_oracle_matches (g_ptr_array_index (oracles, q), patient))
              queries[q].expected++;
        }
    }
}

static void
on_ready (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

static TonicStore *
open_sample (const char *dir)
{
  g_autoptr(TonicPracticeDir) practice_dir = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(TonicStaff) admin = NULL;
  g_autoptr(TonicKey) key = NULL;
  g_autoptr(GError) error = NULL;
  TonicStore *store;

  tonic_practice_dir_locate_async (dir, NULL, NULL, on_ready, &result);
  practice_dir = tonic_practice_dir_locate_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (practice_dir);
  g_clear_object (&result);

  key = tonic_key_slots_unlock_password (tonic_practice_dir_get_slots (practice_dir),
                                         TONIC_SAMPLE_ADMIN_USERNAME, TONIC_SAMPLE_PASSWORD,
                                         &error);
  g_assert_no_error (error);

  tonic_practice_dir_open_async (practice_dir, key, NULL, on_ready, &result);
  store = tonic_practice_dir_open_finish (practice_dir, wait_for (&result), &error);
  g_assert_no_error (error);

  admin = store_test_sign_in (store, TONIC_SAMPLE_ADMIN_USERNAME, TONIC_SAMPLE_PASSWORD, &error);
  g_assert_no_error (error);

  return store;
}

static void
assert_bounded (TonicPatientList *list)
{
  g_assert_cmpuint (tonic_patient_list_get_n_loaded (list), <=, BOUND);
  g_assert_cmpuint (tonic_patient_list_get_peak_loaded (list), <=, BOUND);
}

/* Sets the query and checks the count and the first page, then positions
 * spread over the rest. */
static void
check_query (TonicStore       *store,
             TonicPatientList *list,
             const Query      *query)
{
  TonicPatientQuery q = { .text = query->text, .status = TONIC_PATIENT_STATUS_ACTIVE };
  g_autoptr(SearchOracle) oracle = search_oracle_new (query->text);
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();
  double count_seconds;
  guint n;

  tonic_patient_list_set_query (list, &q);
  list_test_wait_idle (list);
  count_seconds = seconds_since (started);
  g_assert_null (tonic_patient_list_get_error (list));

  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, ==, query->expected);
  g_assert_cmpuint (list_test_count (store, &q, &error), ==, n);
  g_assert_no_error (error);

  for (guint i = 0; i < MIN (n, TONIC_PATIENT_LIST_PAGE_SIZE); i++)
    {
      g_autoptr(TonicPatientItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_true (search_oracle_matches (oracle, list_test_wait_patient (list, item)));
    }

  for (guint s = 1; n > TONIC_PATIENT_LIST_PAGE_SIZE && s <= 8; s++)
    {
      g_autoptr(TonicPatientItem) item = g_list_model_get_item (G_LIST_MODEL (list),
                                                                 (guint) ((guint64) n * s / 9));

      g_assert_true (search_oracle_matches (oracle, list_test_wait_patient (list, item)));
    }

  assert_bounded (list);
  g_test_message ("“%s”: %u patients, counted in %.3f s, then %.3f s to check its rows",
                  query->text, n, count_seconds, seconds_since (started) - count_seconds);
}

static void
test_search_100k (void)
{
  g_autofree char *dir = store_test_make_dir ();
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 3, 4, 11, 0, 0);
  g_autoptr(TonicPatient) with_birth = generated_patient (now, 54321);
  g_autoptr(TonicPatient) with_phone = generated_patient (now, 77777);
  g_autoptr(TonicPatientList) list = NULL;
  g_autoptr(TonicStore) store = NULL;
  g_autoptr(TonicPatient) previous = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *phone_digits = NULL;
  TonicPatientQuery everyone = { .status = TONIC_PATIENT_STATUS_ACTIVE };
  TonicSampleSummary summary = { 0 };
  TonicSampleOptions options;
  gint64 started;
  guint n_active;
  Query queries[] = {
    { (char *) "nguyen", 0 },
    { (char *) "Kowalska", 0 },
    { (char *) "maría garc", 0 },
    { (char *) "o'brien", 0 },
    { (char *) "иванова", 0 },
    { (char *) "Παπαδοπούλου", 0 },
    { (char *) "محمد", 0 },
    { (char *) "yılmaz", 0 },
    { (char *) "adeyemi", 0 },
    { NULL, 0 },   /* a date of birth */
    { NULL, 0 },   /* phone digits */
  };

  /* The practice. */
  init_options (&options, now);
  started = g_get_monotonic_time ();
  g_assert_true (tonic_sample_generate_full (dir, &options, &summary, &error));
  g_assert_no_error (error);
  g_test_message ("Generated %u patients and %u appointments in %.1f s "
                  "(patients and appointments %.1f s)",
                  summary.n_patients, summary.n_appointments, seconds_since (started),
                  summary.import_seconds);
  n_active = summary.n_patients - summary.n_archived;

  /* The queries the oracle answers. */
  queries[9].text = g_strdup (tonic_patient_get_date_of_birth (with_birth));
  phone_digits = tonic_search_phone_digits (*tonic_patient_get_phone_mobile (with_phone)
                                              ? tonic_patient_get_phone_mobile (with_phone)
                                              : tonic_patient_get_phone_other (with_phone));
  queries[10].text = g_strdup (phone_digits + strlen (phone_digits) - 7);
  g_assert_true (tonic_search_classify (queries[10].text) == TONIC_QUERY_PHONE);
  started = g_get_monotonic_time ();
  count_expected (now, queries, G_N_ELEMENTS (queries));
  g_test_message ("Oracle over the generated patients: %.1f s", seconds_since (started));

  store = open_sample (dir);

  /* Opening the list costs a count, not a read of everyone. */
  started = g_get_monotonic_time ();
  list = tonic_patient_list_new (store);
  list_test_wait_idle (list);
  g_test_message ("Counted %u active patients in %.3f s",
                  g_list_model_get_n_items (G_LIST_MODEL (list)), seconds_since (started));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_active);
  g_assert_cmpuint (list_test_count (store, &everyone, &error), ==, n_active);
  g_assert_cmpuint (tonic_patient_list_get_n_loaded (list), ==, 0);

  /* Positions spread over the whole list, in order, without loading it. */
  started = g_get_monotonic_time ();
  for (guint s = 0; s <= N_SPREAD; s++)
    {
      guint position = s == N_SPREAD ? n_active - 1 : (guint) ((guint64) n_active * s / N_SPREAD);
      g_autoptr(TonicPatientItem) item = g_list_model_get_item (G_LIST_MODEL (list), position);
      TonicPatient *patient = list_test_wait_patient (list, item);

      if (previous != NULL)
        g_assert_cmpint (list_test_compare_by_name (previous, patient), <, 0);
      g_set_object (&previous, patient);
      assert_bounded (list);
    }
  list_test_wait_idle (list);
  assert_bounded (list);
  g_assert_cmpuint (tonic_patient_list_get_peak_loaded (list), <, n_active / 40);
  g_test_message ("Read %u positions spread over the list in %.3f s; %u rows held, at most %u",
                  N_SPREAD + 1, seconds_since (started), tonic_patient_list_get_n_loaded (list),
                  tonic_patient_list_get_peak_loaded (list));

  /* Searches. */
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_assert_cmpuint (queries[q].expected, >, 0);
      check_query (store, list, &queries[q]);
    }

  /* An MRN finds its one patient. */
  {
    TonicPatientQuery by_mrn = { .status = TONIC_PATIENT_STATUS_ACTIVE };
    g_autoptr(TonicPatientItem) item = NULL;
    g_autoptr(TonicPatientItem) found = NULL;
    g_autofree char *mrn = NULL;
    g_autofree char *prefix = NULL;
    TonicPatient *patient;

    tonic_patient_list_set_query (list, &everyone);
    list_test_wait_idle (list);
    item = g_list_model_get_item (G_LIST_MODEL (list), n_active / 2);
    patient = list_test_wait_patient (list, item);
    mrn = g_strdup (tonic_patient_get_mrn (patient));

    by_mrn.text = mrn;
    tonic_patient_list_set_query (list, &by_mrn);
    list_test_wait_idle (list);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
    found = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_cmpint (tonic_patient_get_id (list_test_wait_patient (list, found)), ==,
                     tonic_patient_get_id (patient));

    /* The beginning of an MRN, as it is typed ("TN-00501": 50,100 to 50,199). */
    prefix = g_strndup (mrn, 8);
    by_mrn.text = prefix;
    tonic_patient_list_set_query (list, &by_mrn);
    list_test_wait_idle (list);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==,
                      list_test_count (store, &by_mrn, &error));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 1);
    for (guint i = 0; i < MIN (g_list_model_get_n_items (G_LIST_MODEL (list)),
                               TONIC_PATIENT_LIST_PAGE_SIZE); i++)
      {
        g_autoptr(TonicPatientItem) row = g_list_model_get_item (G_LIST_MODEL (list), i);

        g_assert_true (g_str_has_prefix (tonic_patient_get_mrn (list_test_wait_patient (list, row)),
                                         prefix));
      }
  }

  assert_bounded (list);
  g_test_message ("Peak memory of this test: %ld MiB", peak_rss_mib ());

  g_clear_object (&list);
  tonic_store_close (store);
  g_free (queries[9].text);
  g_free (queries[10].text);
  tonic_sample_summary_clear (&summary);
  store_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/patient-list/100k/search", test_search_100k);

  return g_test_run ();
}
