/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-patient-list"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "patient-list-test-helpers.h"
#include "store-test-helpers.h"
#include "tonic-sample-lib.h"
#include "tonic-search.h"

/* The paging patient list over a practice of 2,600 sample patients: more
 * than MAX_PAGES pages of PAGE_SIZE, so the bound on what it keeps is
 * reached. The practice is made once; each test opens a copy. */

#define N_PATIENTS 2600
#define SEED       5
#define BOUND      (TONIC_PATIENT_LIST_MAX_PAGES * TONIC_PATIENT_LIST_PAGE_SIZE)

G_STATIC_ASSERT (N_PATIENTS > BOUND + 3 * TONIC_PATIENT_LIST_PAGE_SIZE);

static char      *template_dir;
static char      *template_db;
static TonicKey  *template_key;
/* The patients as generated (no ids or MRNs), for the oracle. */
static GPtrArray *generated;
static guint      n_active;
static guint      n_archived;

typedef struct
{
  char       *dir;
  TonicStore *store;
} Fixture;

/* -- Helpers ------------------------------------------------------------------ */

static void
on_ready (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

static void
sign_in (Fixture *fixture)
{
  g_autoptr(TonicStaff) staff = NULL;
  g_autoptr(GError) error = NULL;

  staff = store_test_sign_in (fixture->store, STORE_TEST_ADMIN_USER, STORE_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_nonnull (staff);
}

static void
sign_out (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (store_test_sign_out (fixture->store, TONIC_SIGN_OUT_LOCK, &error));
  g_assert_no_error (error);
}

static TonicPatient *
save_patient (Fixture                  *fixture,
              const TonicPatientFields *fields)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  TonicPatient *patient;

  if (fields->id == 0)
    {
      tonic_store_create_patient_async (fixture->store, fields, NULL, on_ready, &result);
      patient = tonic_store_create_patient_finish (fixture->store, wait_for (&result), &error);
    }
  else
    {
      tonic_store_update_patient_async (fixture->store, fields, NULL, on_ready, &result);
      patient = tonic_store_update_patient_finish (fixture->store, wait_for (&result), &error);
    }
  g_assert_no_error (error);
  g_assert_nonnull (patient);

  return patient;
}

/* The number of generated patients the oracle matches, with @status. */
static guint
oracle_count (const char         *text,
              TonicPatientStatus  status)
{
  g_autoptr(SearchOracle) oracle = search_oracle_new (text);
  guint n = 0;

  for (guint i = 0; i < generated->len; i++)
    {
      TonicPatient *patient = g_ptr_array_index (generated, i);
      gboolean archived = tonic_patient_get_archived (patient);

      if ((status == TONIC_PATIENT_STATUS_ACTIVE && archived) ||
          (status == TONIC_PATIENT_STATUS_ARCHIVED && !archived))
        continue;
      if (search_oracle_matches (oracle, patient))
        n++;
    }

  return n;
}

static TonicPatientList *
new_list (Fixture *fixture)
{
  TonicPatientList *list = tonic_patient_list_new (fixture->store);

  list_test_wait_idle (list);
  g_assert_null (tonic_patient_list_get_error (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_active);

  return list;
}

/* Loads every item of @list (a small one) and checks each against @text. */
static void
assert_all_match (TonicPatientList   *list,
                  const char         *text,
                  TonicPatientStatus  status)
{
  g_autoptr(SearchOracle) oracle = search_oracle_new (text);
  g_autoptr(GHashTable) ids = g_hash_table_new (NULL, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  g_assert_cmpuint (n, <=, BOUND);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TonicPatientItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      TonicPatient *patient = list_test_wait_patient (list, item);

      g_assert_cmpuint (tonic_patient_item_get_position (item), ==, i);
      g_assert_true (search_oracle_matches (oracle, patient));
      if (status == TONIC_PATIENT_STATUS_ACTIVE)
        g_assert_false (tonic_patient_get_archived (patient));
      else if (status == TONIC_PATIENT_STATUS_ARCHIVED)
        g_assert_true (tonic_patient_get_archived (patient));
      g_assert_true (g_hash_table_add (ids, GINT_TO_POINTER ((int) tonic_patient_get_id (patient))));
    }
}

static void
on_notify_count (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *) user_data)++;
}

/* -- Fixture -------------------------------------------------------------------- */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = store_test_make_dir ();
  path = g_build_filename (fixture->dir, "practice.db", NULL);
  store_test_copy_file (template_db, path);

  fixture->store = store_test_open (path, template_key, TONIC_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  sign_in (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  tonic_store_close (fixture->store);
  g_clear_object (&fixture->store);
  store_test_remove_dir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static void
make_template (void)
{
  g_autoptr(TonicSampleGenerator) generator = NULL;
  g_autoptr(GPtrArray) appointments = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 3, 4, 11, 0, 0);
  g_autoptr(TonicStore) store = NULL;
  g_autoptr(GError) error = NULL;
  TonicSampleOptions options;

  template_dir = store_test_make_dir ();
  template_db = g_build_filename (template_dir, "practice.db", NULL);
  template_key = store_test_key (21);

  tonic_sample_options_init (&options);
  options.n_patients = N_PATIENTS;
  options.seed = SEED;
  options.days_back = 3;
  options.days_ahead = 3;
  options.now = now;
  generator = tonic_sample_generator_new (&options);
  generated = tonic_sample_generator_next_batch (generator, N_PATIENTS, &appointments);
  g_assert_cmpuint (generated->len, ==, N_PATIENTS);

  for (guint i = 0; i < generated->len; i++)
    {
      if (tonic_patient_get_archived (g_ptr_array_index (generated, i)))
        n_archived++;
      else
        n_active++;
    }
  g_assert_cmpuint (n_archived, >, 0);

  store = store_test_open_signed_in (template_db, template_key);
  g_assert_true (list_test_import (store, generated, appointments, &error));
  g_assert_no_error (error);
  tonic_store_close (store);
}

/* -- Tests ------------------------------------------------------------------------ */

static void
test_count_and_fill (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(TonicPatientList) list = tonic_patient_list_new (fixture->store);
  g_autoptr(TonicPatientItem) first = NULL;
  g_autoptr(TonicPatientItem) again = NULL;
  g_autoptr(TonicPatientItem) next_page = NULL;
  g_autoptr(GError) error = NULL;
  TonicPatientQuery everyone = { .status = TONIC_PATIENT_STATUS_ACTIVE };
  ItemsChanged changes;
  guint n_notified = 0;
  TonicPatient *previous = NULL;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == TONIC_TYPE_PATIENT_ITEM);
  list_test_watch_items (list, &changes);

  /* Counting from the start; nothing yet. */
  g_assert_true (tonic_patient_list_get_loading (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  list_test_wait_idle (list);
  g_assert_cmpuint (changes.n_emissions, ==, 1);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, n_active);
  g_assert_cmpuint (list_test_count (fixture->store, &everyone, &error), ==, n_active);
  g_assert_no_error (error);
  g_assert_cmpuint (tonic_patient_list_get_n_loaded (list), ==, 0);

  /* An item at once, its patient when the page arrives. */
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_nonnull (first);
  g_assert_null (tonic_patient_item_get_patient (first));
  g_assert_cmpuint (tonic_patient_item_get_position (first), ==, 0);
  g_assert_true (tonic_patient_list_get_loading (list));
  again = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (again == first);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), n_active));

  g_signal_connect (first, "notify::patient", G_CALLBACK (on_notify_count), &n_notified);
  list_test_wait_patient (list, first);
  list_test_wait_idle (list);
  g_assert_cmpuint (n_notified, ==, 1);
  g_assert_cmpuint (tonic_patient_list_get_n_loaded (list), ==, TONIC_PATIENT_LIST_PAGE_SIZE);
  g_assert_cmpuint (tonic_patient_list_get_peak_loaded (list), ==, TONIC_PATIENT_LIST_PAGE_SIZE);
  g_assert_cmpuint (changes.n_emissions, ==, 1);

  /* The rest of the page is there already, in order. */
  for (guint i = 0; i < TONIC_PATIENT_LIST_PAGE_SIZE; i++)
    {
      g_autoptr(TonicPatientItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      TonicPatient *patient = tonic_patient_item_get_patient (item);

      g_assert_nonnull (patient);
      g_assert_false (tonic_patient_get_archived (patient));
      if (previous != NULL)
        g_assert_cmpint (list_test_compare_by_name (previous, patient), <, 0);
      previous = patient;
    }
  g_assert_false (tonic_patient_list_get_loading (list));

  /* The next page is another read. */
  next_page = g_list_model_get_item (G_LIST_MODEL (list), TONIC_PATIENT_LIST_PAGE_SIZE);
  g_assert_null (tonic_patient_item_get_patient (next_page));
  g_assert_true (tonic_patient_list_get_loading (list));
  g_assert_cmpint (list_test_compare_by_name (previous, list_test_wait_patient (list, next_page)),
                   <, 0);

  /* Dropped while a read is with the store: gone at once, and the answer
   * that comes later finds nobody. */
  g_clear_object (&first);
  g_clear_object (&again);
  g_clear_object (&next_page);
  next_page = g_list_model_get_item (G_LIST_MODEL (list), n_active - 1);
  g_assert_true (tonic_patient_list_get_loading (list));
  g_assert_finalize_object (g_steal_pointer (&list));
  store_test_flush (fixture->store);
  g_assert_null (tonic_patient_item_get_patient (next_page));
}

static void
test_walk_bounded (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(TonicPatientList) list = new_list (fixture);
  g_autoptr(TonicPatientItem) held = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_autoptr(TonicPatientItem) reloaded = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(TonicPatient) previous = NULL;
  TonicPatient *first_patient = list_test_wait_patient (list, held);
  guint n_pages = (n_active + TONIC_PATIENT_LIST_PAGE_SIZE - 1) / TONIC_PATIENT_LIST_PAGE_SIZE;
  ItemsChanged changes;

  list_test_watch_items (list, &changes);

  /* Every position, as a long scroll would: never more than the bound
   * in memory, every row once, in order. */
  for (guint i = 0; i < n_active; i++)
    {
      g_autoptr(TonicPatientItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      TonicPatient *patient = tonic_patient_item_get_patient (item);
      gint64 *id;

      if (patient == NULL)
        patient = list_test_wait_patient (list, item);

      id = g_new (gint64, 1);
      *id = tonic_patient_get_id (patient);
      g_assert_true (g_hash_table_add (ids, id));

      if (previous != NULL)
        g_assert_cmpint (list_test_compare_by_name (previous, patient), <, 0);
      g_set_object (&previous, patient);

      g_assert_cmpuint (tonic_patient_list_get_n_loaded (list), <=, BOUND);
    }

  list_test_wait_idle (list);
  g_assert_cmpuint (g_hash_table_size (ids), ==, n_active);
  g_assert_cmpuint (tonic_patient_list_get_peak_loaded (list), <=, BOUND);
  /* The last MAX_PAGES pages are the ones kept. */
  g_assert_cmpuint (tonic_patient_list_get_n_loaded (list), ==,
                    n_active - (n_pages - TONIC_PATIENT_LIST_MAX_PAGES) * TONIC_PATIENT_LIST_PAGE_SIZE);
  g_assert_cmpuint (changes.n_emissions, ==, 0);

  /* The first page was evicted: its item keeps its patient for whoever
   * holds it, and the position gets a new item that reads it again. */
  g_assert_true (tonic_patient_item_get_patient (held) == first_patient);
  reloaded = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (reloaded != held);
  g_assert_null (tonic_patient_item_get_patient (reloaded));
  g_assert_cmpint (tonic_patient_get_id (list_test_wait_patient (list, reloaded)), ==,
                   tonic_patient_get_id (first_patient));
  list_test_wait_idle (list);
  g_assert_cmpuint (tonic_patient_list_get_n_loaded (list), <=, BOUND);
  g_assert_cmpuint (tonic_patient_list_get_peak_loaded (list), <=, BOUND);
}

static guint
assert_query (Fixture            *fixture,
              TonicPatientList   *list,
              const char         *text,
              TonicPatientStatus  status)
{
  TonicPatientQuery query = { .text = text, .status = status };
  g_autoptr(GError) error = NULL;
  guint old_n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
  guint expected = oracle_count (text, status);
  ItemsChanged changes;
  gulong handler;

  handler = list_test_watch_items (list, &changes);
  tonic_patient_list_set_query (list, &query);
  g_assert_true (tonic_patient_list_get_loading (list));
  list_test_wait_idle (list);
  g_signal_handler_disconnect (list, handler);

  g_test_message ("“%s”: %u patients", text ? text : "", expected);
  g_assert_null (tonic_patient_list_get_error (list));
  g_assert_cmpuint (changes.n_emissions, ==, 1);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, old_n_items);
  g_assert_cmpuint (changes.added, ==, expected);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, expected);
  g_assert_cmpuint (list_test_count (fixture->store, &query, &error), ==, expected);
  g_assert_no_error (error);

  if (expected <= BOUND)
    assert_all_match (list, text, status);

  return expected;
}

static void
test_query (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(TonicPatientList) list = new_list (fixture);
  g_autoptr(TonicPatientItem) held = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_autoptr(TonicPatientItem) placeholder = NULL;
  g_autoptr(TonicPatientItem) item = NULL;
  TonicPatientQuery query = { .text = "nguyen", .status = TONIC_PATIENT_STATUS_ACTIVE };
  TonicPatient *sample = NULL;
  g_autofree char *phone_end = NULL;
  g_autofree char *dob = NULL;
  g_autofree char *mrn = NULL;
  guint n_loading = 0;
  guint n_active_at;

  list_test_wait_patient (list, held);
  list_test_wait_idle (list);
  g_signal_connect (list, "notify::loading", G_CALLBACK (on_notify_count), &n_loading);

  /* While the new query is counted, the old number stands; positions get
   * placeholders and items already held keep their patients. */
  tonic_patient_list_set_query (list, &query);
  g_assert_true (tonic_patient_list_get_loading (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_active);
  g_assert_cmpuint (tonic_patient_list_get_n_loaded (list), ==, 0);
  placeholder = g_list_model_get_item (G_LIST_MODEL (list), 5);
  g_assert_null (tonic_patient_item_get_patient (placeholder));
  g_assert_nonnull (tonic_patient_item_get_patient (held));
  list_test_wait_idle (list);
  g_assert_cmpuint (n_loading, ==, 2);
  g_assert_null (tonic_patient_item_get_patient (placeholder));

  /* Names, whatever their script, accents or case. */
  g_assert_cmpuint (assert_query (fixture, list, "nguyen", TONIC_PATIENT_STATUS_ACTIVE), >, 0);
  g_assert_cmpuint (assert_query (fixture, list, "NGUYỄN", TONIC_PATIENT_STATUS_ACTIVE), >, 0);
  g_assert_cmpuint (assert_query (fixture, list, "maria g", TONIC_PATIENT_STATUS_ACTIVE), >, 0);
  g_assert_cmpuint (assert_query (fixture, list, "o'brien", TONIC_PATIENT_STATUS_ACTIVE), >, 0);
  g_assert_cmpuint (assert_query (fixture, list, "иванов", TONIC_PATIENT_STATUS_ACTIVE), >, 0);
  g_assert_cmpuint (assert_query (fixture, list, "Παπαδοπούλου", TONIC_PATIENT_STATUS_ACTIVE), >, 0);
  g_assert_cmpuint (assert_query (fixture, list, "محمد", TONIC_PATIENT_STATUS_ACTIVE), >, 0);
  g_assert_cmpuint (assert_query (fixture, list, "şahin", TONIC_PATIENT_STATUS_ACTIVE), >, 0);
  g_assert_cmpuint (assert_query (fixture, list, "zzzz-nobody", TONIC_PATIENT_STATUS_ACTIVE), ==, 0);

  /* A date of birth, phone digits and an MRN of someone in the list. */
  for (guint i = 0; sample == NULL && i < generated->len; i++)
    {
      TonicPatient *patient = g_ptr_array_index (generated, i);
      const char *mobile = tonic_patient_get_phone_mobile (patient);

      if (!tonic_patient_get_archived (patient) && *mobile != '\0' && i > 1000)
        sample = patient;
    }
  g_assert_nonnull (sample);

  dob = g_strdup (tonic_patient_get_date_of_birth (sample));
  assert_query (fixture, list, dob, TONIC_PATIENT_STATUS_ACTIVE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >=, 1);

  {
    g_autofree char *digits = tonic_search_phone_digits (tonic_patient_get_phone_mobile (sample));

    phone_end = g_strdup (digits + strlen (digits) - 7);
    g_assert_true (tonic_search_classify (phone_end) == TONIC_QUERY_PHONE);
    assert_query (fixture, list, phone_end, TONIC_PATIENT_STATUS_ACTIVE);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >=, 1);
  }

  assert_query (fixture, list, NULL, TONIC_PATIENT_STATUS_ACTIVE);
  n_active_at = g_list_model_get_n_items (G_LIST_MODEL (list)) / 2;
  item = g_list_model_get_item (G_LIST_MODEL (list), n_active_at);
  mrn = g_strdup (tonic_patient_get_mrn (list_test_wait_patient (list, item)));
  {
    TonicPatientQuery by_mrn = { .text = mrn, .status = TONIC_PATIENT_STATUS_ACTIVE };
    g_autoptr(TonicPatientItem) found = NULL;

    tonic_patient_list_set_query (list, &by_mrn);
    list_test_wait_idle (list);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
    found = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_cmpint (tonic_patient_get_id (list_test_wait_patient (list, found)), ==,
                     tonic_patient_get_id (tonic_patient_item_get_patient (item)));
  }

  /* Archived patients, and everyone. */
  assert_query (fixture, list, NULL, TONIC_PATIENT_STATUS_ARCHIVED);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_archived);
  assert_query (fixture, list, NULL, TONIC_PATIENT_STATUS_ANY);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_PATIENTS);

  /* Another order. */
  {
    TonicPatientQuery by_birth = { .status = TONIC_PATIENT_STATUS_ACTIVE,
                                   .sort = TONIC_PATIENT_SORT_DATE_OF_BIRTH };
    g_autofree char *previous = NULL;

    tonic_patient_list_set_query (list, &by_birth);
    list_test_wait_idle (list);
    for (guint i = 0; i < 2 * TONIC_PATIENT_LIST_PAGE_SIZE; i++)
      {
        g_autoptr(TonicPatientItem) row = g_list_model_get_item (G_LIST_MODEL (list), i);
        const char *date = tonic_patient_get_date_of_birth (list_test_wait_patient (list, row));

        g_assert_cmpstr (previous ? previous : "", <=, date);
        g_free (previous);
        previous = g_strdup (date);
      }
  }
}

static void
test_concurrent_queries (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(TonicPatientList) list = new_list (fixture);
  TonicPatientQuery a = { .text = "nguyen", .status = TONIC_PATIENT_STATUS_ACTIVE };
  TonicPatientQuery b = { .text = "smi", .status = TONIC_PATIENT_STATUS_ACTIVE };
  TonicPatientQuery c = { .text = "garcía", .status = TONIC_PATIENT_STATUS_ACTIVE };
  g_autoptr(TonicPatientItem) stale = NULL;
  g_autoptr(TonicPatientItem) fresh = NULL;
  ItemsChanged changes;
  gulong handler;

  /* Typing fast: three queries before any count is back. Only the last
   * is counted into the model, once. */
  handler = list_test_watch_items (list, &changes);
  tonic_patient_list_set_query (list, &a);
  g_clear_object (&stale);
  stale = g_list_model_get_item (G_LIST_MODEL (list), 0);
  tonic_patient_list_set_query (list, &b);
  tonic_patient_list_set_query (list, &c);
  list_test_wait_idle (list);
  g_assert_cmpuint (changes.n_emissions, ==, 1);
  g_assert_cmpuint (changes.removed, ==, n_active);
  g_assert_cmpuint (changes.added, ==, oracle_count (c.text, TONIC_PATIENT_STATUS_ACTIVE));
  assert_all_match (list, c.text, TONIC_PATIENT_STATUS_ACTIVE);
  g_assert_null (tonic_patient_item_get_patient (stale));
  g_clear_object (&stale);

  /* A page read of query A still with the store when B replaces it: its
   * rows never reach the model. */
  tonic_patient_list_set_query (list, &a);
  list_test_wait_idle (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==,
                    oracle_count (a.text, TONIC_PATIENT_STATUS_ACTIVE));
  stale = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (tonic_patient_list_get_loading (list));
  changes.n_emissions = 0;
  tonic_patient_list_set_query (list, &b);
  list_test_wait_idle (list);
  store_test_flush (fixture->store);
  g_assert_null (tonic_patient_item_get_patient (stale));
  g_assert_cmpuint (changes.n_emissions, ==, 1);
  g_assert_cmpuint (changes.added, ==, oracle_count (b.text, TONIC_PATIENT_STATUS_ACTIVE));
  g_assert_cmpuint (tonic_patient_list_get_n_loaded (list), ==, 0);
  assert_all_match (list, b.text, TONIC_PATIENT_STATUS_ACTIVE);

  /* A refresh while a new query is counted counts that query. */
  changes.n_emissions = 0;
  tonic_patient_list_set_query (list, &c);
  tonic_patient_list_refresh (list);
  list_test_wait_idle (list);
  g_assert_cmpuint (changes.n_emissions, ==, 1);
  assert_all_match (list, c.text, TONIC_PATIENT_STATUS_ACTIVE);

  g_signal_handler_disconnect (list, handler);
}

static void
test_refresh (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(TonicPatientList) list = new_list (fixture);
  g_autoptr(TonicPatientItem) old_first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_autoptr(TonicPatientItem) first = NULL;
  g_autoptr(TonicPatientItem) second_page = NULL;
  g_autoptr(TonicPatient) aaron = NULL;
  g_autoptr(TonicPatient) changed = NULL;
  TonicPatientFields fields = { 0 };
  TonicPatient *before;
  ItemsChanged changes;
  guint n_first = 0;
  guint n_second = 0;

  before = list_test_wait_patient (list, old_first);
  list_test_watch_items (list, &changes);

  /* A new patient who sorts first. */
  fields.legal_name = "Aaron Aardvark";
  fields.date_of_birth = "1980-01-01";
  fields.phone_mobile = "(951) 555-0100";
  aaron = save_patient (fixture, &fields);

  tonic_patient_list_refresh (list);
  g_assert_true (tonic_patient_list_get_loading (list));
  list_test_wait_idle (list);
  g_assert_cmpuint (changes.n_emissions, ==, 1);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, n_active);
  g_assert_cmpuint (changes.added, ==, n_active + 1);

  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpint (tonic_patient_get_id (list_test_wait_patient (list, first)), ==,
                   tonic_patient_get_id (aaron));
  g_assert_true (tonic_patient_item_get_patient (old_first) == before);
  second_page = g_list_model_get_item (G_LIST_MODEL (list), TONIC_PATIENT_LIST_PAGE_SIZE + 1);
  list_test_wait_patient (list, second_page);
  list_test_wait_idle (list);

  /* A change that keeps the count: the items stay and their patients are
   * replaced in place, on every page kept. */
  g_signal_connect (first, "notify::patient", G_CALLBACK (on_notify_count), &n_first);
  g_signal_connect (second_page, "notify::patient", G_CALLBACK (on_notify_count), &n_second);
  tonic_patient_get_fields (aaron, &fields);
  fields.phone_mobile = "(951) 555-0199";
  changed = save_patient (fixture, &fields);
  changes.n_emissions = 0;

  tonic_patient_list_refresh (list);
  list_test_wait_idle (list);
  g_assert_cmpuint (changes.n_emissions, ==, 0);
  g_assert_cmpuint (n_first, ==, 1);
  g_assert_cmpuint (n_second, ==, 1);
  g_assert_cmpstr (tonic_patient_get_phone_mobile (tonic_patient_item_get_patient (first)), ==,
                   "(951) 555-0199");
  {
    g_autoptr(TonicPatientItem) same = g_list_model_get_item (G_LIST_MODEL (list), 0);

    g_assert_true (same == first);
  }
  g_assert_cmpuint (tonic_patient_list_get_n_loaded (list), ==, 2 * TONIC_PATIENT_LIST_PAGE_SIZE);
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(TonicPatientList) list = new_list (fixture);
  g_autoptr(TonicPatientItem) item = NULL;
  g_autoptr(TonicPatientItem) later = NULL;
  const GError *error;
  ItemsChanged changes;
  guint n_error_notified = 0;
  guint denied;

  g_signal_connect (list, "notify::error", G_CALLBACK (on_notify_count), &n_error_notified);
  list_test_watch_items (list, &changes);

  /* Locked: the count is refused, and the list empties. */
  sign_out (fixture);
  tonic_patient_list_refresh (list);
  list_test_wait_idle (list);
  error = tonic_patient_list_get_error (list);
  g_assert_error ((GError *) error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_assert_cmpuint (n_error_notified, ==, 1);
  g_assert_cmpuint (changes.n_emissions, ==, 1);
  g_assert_cmpuint (changes.removed, ==, n_active);
  g_assert_cmpuint (changes.added, ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 0));

  /* Signed in again, a refresh brings everyone back. */
  sign_in (fixture);
  tonic_patient_list_refresh (list);
  list_test_wait_idle (list);
  g_assert_null (tonic_patient_list_get_error (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_active);

  /* A page read refused after a lock: reported, the item stays empty, and
   * no more reads are sent (each would be another denied audit row). */
  sign_out (fixture);
  item = g_list_model_get_item (G_LIST_MODEL (list), 500);
  list_test_wait_idle (list);
  g_assert_null (tonic_patient_item_get_patient (item));
  g_assert_error ((GError *) tonic_patient_list_get_error (list), TONIC_STORE_ERROR,
                  TONIC_STORE_ERROR_DENIED);
  denied = store_test_count_audit (fixture->store, NULL, "denied", 0);
  later = g_list_model_get_item (G_LIST_MODEL (list), 900);
  g_assert_false (tonic_patient_list_get_loading (list));
  store_test_flush (fixture->store);
  g_assert_cmpuint (store_test_count_audit (fixture->store, NULL, "denied", 0), ==, denied);
  g_assert_null (tonic_patient_item_get_patient (later));

  sign_in (fixture);
  tonic_patient_list_refresh (list);
  list_test_wait_idle (list);
  g_assert_null (tonic_patient_list_get_error (list));
  g_clear_object (&item);
  item = g_list_model_get_item (G_LIST_MODEL (list), 500);
  list_test_wait_patient (list, item);

  /* A closed store: an error, not a crash. */
  tonic_store_close (fixture->store);
  tonic_patient_list_refresh (list);
  list_test_wait_idle (list);
  g_assert_error ((GError *) tonic_patient_list_get_error (list), TONIC_STORE_ERROR,
                  TONIC_STORE_ERROR_CLOSED);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
}

/* A row that, told its patient arrived, asks for rows far away: enough
 * pages to evict the one being delivered. */
static void
on_patient_ask_far (TonicPatientItem *item,
                    GParamSpec       *pspec,
                    TonicPatientList *list)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint p = 0; p <= TONIC_PATIENT_LIST_MAX_PAGES; p++)
    {
      g_autoptr(TonicPatientItem) far = NULL;

      far = g_list_model_get_item (G_LIST_MODEL (list),
                                   (n - 1 - p * TONIC_PATIENT_LIST_PAGE_SIZE) % n);
    }
}

static gboolean changed_query_once;

static void
on_loading_change_query (TonicPatientList *list,
                         GParamSpec       *pspec,
                         gpointer          user_data)
{
  TonicPatientQuery query = { .text = "smi", .status = TONIC_PATIENT_STATUS_ACTIVE };

  if (!changed_query_once && tonic_patient_list_get_loading (list))
    {
      changed_query_once = TRUE;
      tonic_patient_list_set_query (list, &query);
    }
}

static void
on_items_changed_get_items (GListModel *model,
                            guint       position,
                            guint       removed,
                            guint       added,
                            gpointer    user_data)
{
  for (guint i = 0; i < MIN (added, 3); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, position + i);

      g_assert_nonnull (item);
    }
}

static void
test_reentrant (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(TonicPatientList) list = new_list (fixture);
  g_autoptr(TonicPatientItem) first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_autoptr(TonicPatientItem) again = NULL;
  gulong handler;

  /* Eviction of the page being delivered, from its own notification. */
  g_signal_connect (first, "notify::patient", G_CALLBACK (on_patient_ask_far), list);
  list_test_wait_patient (list, first);
  list_test_wait_idle (list);
  for (guint i = 0; i < 3 * TONIC_PATIENT_LIST_PAGE_SIZE; i += 7)
    {
      g_autoptr(TonicPatientItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      list_test_wait_patient (list, item);
    }
  list_test_wait_idle (list);
  g_assert_cmpuint (tonic_patient_list_get_peak_loaded (list), <=, BOUND);

  /* A view that reads items while told of the change, and a handler that
   * sets a query as soon as loading starts. */
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_get_items), NULL);
  handler = g_signal_connect (list, "notify::loading", G_CALLBACK (on_loading_change_query), NULL);
  changed_query_once = FALSE;
  tonic_patient_list_refresh (list);
  list_test_wait_idle (list);
  g_assert_true (changed_query_once);
  g_signal_handler_disconnect (list, handler);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==,
                    oracle_count ("smi", TONIC_PATIENT_STATUS_ACTIVE));
  assert_all_match (list, "smi", TONIC_PATIENT_STATUS_ACTIVE);
  again = g_list_model_get_item (G_LIST_MODEL (list), 0);
  list_test_wait_patient (list, again);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  make_template ();

  g_test_add ("/patient-list/count-and-fill", Fixture, NULL, fixture_set_up, test_count_and_fill,
              fixture_tear_down);
  g_test_add ("/patient-list/walk-bounded", Fixture, NULL, fixture_set_up, test_walk_bounded,
              fixture_tear_down);
  g_test_add ("/patient-list/query", Fixture, NULL, fixture_set_up, test_query,
              fixture_tear_down);
  g_test_add ("/patient-list/concurrent-queries", Fixture, NULL, fixture_set_up,
              test_concurrent_queries, fixture_tear_down);
  g_test_add ("/patient-list/refresh", Fixture, NULL, fixture_set_up, test_refresh,
              fixture_tear_down);
  g_test_add ("/patient-list/errors", Fixture, NULL, fixture_set_up, test_errors,
              fixture_tear_down);
  g_test_add ("/patient-list/reentrant", Fixture, NULL, fixture_set_up, test_reentrant,
              fixture_tear_down);

  status = g_test_run ();

  g_clear_pointer (&generated, g_ptr_array_unref);
  g_clear_pointer (&template_key, tonic_key_unref);
  store_test_remove_dir (template_dir);
  g_clear_pointer (&template_dir, g_free);
  g_clear_pointer (&template_db, g_free);

  return status;
}
