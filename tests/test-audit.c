/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-audit"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "store-test-helpers.h"

/* The audit trail: a hash chain the verifier walks, append-only triggers,
 * and the head kept outside the database that catches what the chain alone
 * cannot (a cut-off tail, an older copy of the file). Tampering is done the
 * way an attacker with the key would: on a connection of the test's own,
 * with the triggers dropped. */

#define N_EVENTS 40

typedef struct
{
  char       *dir;
  char       *path;
  TonicKey   *key;
  TonicStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = store_test_make_dir ();
  fixture->path = g_build_filename (fixture->dir, "practice.db", NULL);
  fixture->key = store_test_key (11);
  fixture->store = store_test_open_signed_in (fixture->path, fixture->key);
}

static void
close_store (Fixture *fixture)
{
  if (fixture->store == NULL)
    return;

  tonic_store_close (fixture->store);
  g_clear_object (&fixture->store);
}

static void
reopen_signed_in (Fixture *fixture)
{
  g_autoptr(TonicStaff) actor = NULL;
  g_autoptr(GError) error = NULL;

  close_store (fixture);
  fixture->store = store_test_open (fixture->path, fixture->key, TONIC_STORE_OPEN_KEY_VERIFIED,
                                    &error);
  g_assert_no_error (error);
  actor = store_test_sign_in (fixture->store, STORE_TEST_ADMIN_USER, STORE_TEST_PASSWORD, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  close_store (fixture);
  g_clear_pointer (&fixture->key, tonic_key_unref);
  store_test_remove_dir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

/* A working day: every kind of audited call. */
static void
do_audited_work (Fixture    *fixture,
                 const char *tag,
                 guint       n_events)
{
  g_autofree char *username = g_strdup_printf ("nurse.%s", tag);
  g_autoptr(TonicStaff) nurse = NULL;
  g_autoptr(TonicStaff) changed = NULL;
  g_autoptr(TonicStaff) actor = NULL;
  g_autoptr(GError) error = NULL;

  nurse = store_test_add_staff (fixture->store, username, "Nadia Nurse", TONIC_ROLE_NURSE,
                                store_test_hash (STORE_TEST_PASSWORD), &error);
  g_assert_no_error (error);
  changed = store_test_update_staff (fixture->store, tonic_staff_get_id (nurse), "Nadia Nørd",
                                     TONIC_ROLE_CLINICIAN, &error);
  g_assert_no_error (error);
  g_assert_true (store_test_set_setting (fixture->store, "work.tag", tag, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < n_events; i++)
    {
      g_autofree char *object_id = g_strdup_printf ("%s-%u", tag, i);

      g_assert_true (store_test_audit (fixture->store, "report.print", i % 3 == 0 ? 0 : 100 + i,
                                       i % 2 == 0 ? "report" : NULL, object_id,
                                       i % 5 == 0 ? NULL : "Ünïcode détail — 日本語", &error));
      g_assert_no_error (error);
    }

  /* A refusal is part of the chain too. */
  g_assert_true (store_test_sign_out (fixture->store, TONIC_SIGN_OUT_LOCK, &error));
  actor = store_test_sign_in (fixture->store, username, STORE_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_false (store_test_check (fixture->store, TONIC_ACTION_STAFF_MANAGE, &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_clear_error (&error);
  g_clear_object (&actor);
  g_assert_true (store_test_sign_out (fixture->store, TONIC_SIGN_OUT_IDLE, &error));
  actor = store_test_sign_in (fixture->store, STORE_TEST_ADMIN_USER, STORE_TEST_PASSWORD, &error);
  g_assert_no_error (error);
}

static gint64
verify (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  gint64 broken;

  broken = store_test_verify_audit (fixture->store, &error);
  g_assert_no_error (error);

  return broken;
}

static gint64
count_rows (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *count = store_test_query (fixture->store, "SELECT count(*) FROM audit_log",
                                             &error);

  g_assert_no_error (error);

  return g_ascii_strtoll (count, NULL, 10);
}

static void
get_head (Fixture  *fixture,
          gint64   *sequence,
          char    **hash)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (store_test_get_audit_head (fixture->store, sequence, hash, &error));
  g_assert_no_error (error);
}

/* -- The chain -------------------------------------------------------------- */

static void
test_chain_intact (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *last_hash = NULL;
  gint64 head = 0;
  gint64 rows;

  do_audited_work (fixture, "a", N_EVENTS);
  g_assert_cmpint (verify (fixture), ==, 0);

  /* Sequence numbers 1 … n, each row chained to the one before. */
  rows = count_rows (fixture);
  g_assert_cmpint (rows, >, N_EVENTS);
  get_head (fixture, &head, &hash);
  g_assert_cmpint (head, ==, rows);
  g_assert_cmpuint (strlen (hash), ==, 64);
  for (const char *p = hash; *p != '\0'; p++)
    g_assert_true (g_ascii_isdigit (*p) || (*p >= 'a' && *p <= 'f'));
  store_test_assert_query (fixture->store, "SELECT prev_hash FROM audit_log WHERE sequence = 1",
                           TONIC_AUDIT_GENESIS_HASH);
  store_test_assert_query (fixture->store,
                           "SELECT count(*) FROM audit_log a JOIN audit_log b"
                           " ON b.sequence = a.sequence + 1 WHERE b.prev_hash <> a.hash",
                           "0");
  store_test_assert_query (fixture->store, "SELECT MIN(sequence) FROM audit_log", "1");

  /* The verification itself is in the trail, and the trail is still
   * whole after it; more work keeps it so, also across a reopen. */
  store_test_assert_query (fixture->store,
                           "SELECT detail FROM audit_log WHERE action_name = 'audit.verify'",
                           "intact");
  g_assert_cmpint (verify (fixture), ==, 0);
  reopen_signed_in (fixture);
  do_audited_work (fixture, "b", N_EVENTS);
  g_assert_cmpint (verify (fixture), ==, 0);

  get_head (fixture, &head, &last_hash);
  g_assert_cmpint (head, ==, count_rows (fixture));
  g_assert_cmpstr (last_hash, !=, hash);
  g_assert_true (store_test_check_audit_head (fixture->store, head, last_hash, &error));
  g_assert_no_error (error);
}

static void
test_list (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TonicStaff) admin = tonic_store_dup_actor (fixture->store);
  TonicAuditQuery query = { 0 };
  TonicAuditEvent *event;
  gint64 head = 0;
  g_autofree char *hash = NULL;

  do_audited_work (fixture, "a", N_EVENTS);
  get_head (fixture, &head, &hash);

  /* Everything, newest first. */
  events = store_test_list_audit (fixture->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, head);
  for (guint i = 0; i < events->len; i++)
    g_assert_cmpint (tonic_audit_event_get_sequence (g_ptr_array_index (events, i)), ==,
                     head - i);

  /* The first row: the practice, by its administrator, with the name. */
  event = g_ptr_array_index (events, events->len - 1);
  g_assert_cmpstr (tonic_audit_event_get_action (event), ==, "practice.create");
  g_assert_cmpint (tonic_audit_event_get_staff_id (event), ==, tonic_staff_get_id (admin));
  g_assert_cmpstr (tonic_audit_event_get_staff_name (event), ==, STORE_TEST_ADMIN_NAME);
  g_assert_cmpint (tonic_audit_event_get_outcome (event), ==, TONIC_AUDIT_OK);
  g_assert_cmpstr (tonic_audit_event_get_object_type (event), ==, "practice");
  g_assert_true (g_str_has_suffix (tonic_audit_event_get_at (event), "Z"));
  g_clear_pointer (&events, g_ptr_array_unref);

  /* One action, paged with a limit and "before". */
  query.action = "report.print";
  query.limit = 15;
  events = store_test_list_audit (fixture->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 15);
  event = g_ptr_array_index (events, 0);
  g_assert_cmpstr (tonic_audit_event_get_object_id (event), ==, "a-39");
  g_assert_cmpint (tonic_audit_event_get_patient_id (event), ==, 0);
  g_assert_cmpstr (tonic_audit_event_get_detail (event), ==, "Ünïcode détail — 日本語");
  g_assert_null (tonic_audit_event_get_object_type (event));
  event = g_ptr_array_index (events, 1);
  g_assert_cmpstr (tonic_audit_event_get_object_id (event), ==, "a-38");
  g_assert_cmpint (tonic_audit_event_get_patient_id (event), ==, 138);
  g_assert_cmpstr (tonic_audit_event_get_object_type (event), ==, "report");
  g_assert_cmpint (tonic_audit_event_get_staff_id (event), ==, tonic_staff_get_id (admin));
  query.before = tonic_audit_event_get_sequence (g_ptr_array_index (events, 14));
  g_clear_pointer (&events, g_ptr_array_unref);

  query.limit = 0;
  events = store_test_list_audit (fixture->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, N_EVENTS - 15);
  event = g_ptr_array_index (events, events->len - 1);
  g_assert_cmpstr (tonic_audit_event_get_object_id (event), ==, "a-0");
  g_assert_cmpint (tonic_audit_event_get_patient_id (event), ==, 0);
  g_assert_null (tonic_audit_event_get_detail (event));
  g_assert_cmpstr (tonic_audit_event_get_object_type (event), ==, "report");
  g_clear_pointer (&events, g_ptr_array_unref);

  /* By patient. */
  memset (&query, 0, sizeof query);
  query.patient_id = 101;
  events = store_test_list_audit (fixture->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpstr (tonic_audit_event_get_object_id (g_ptr_array_index (events, 0)), ==, "a-1");
  g_clear_pointer (&events, g_ptr_array_unref);

  /* By staff member: the nurse signed in once and was refused once. */
  memset (&query, 0, sizeof query);
  query.staff_id = tonic_staff_get_id (admin) + 1;
  events = store_test_list_audit (fixture->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 3);
  g_assert_cmpstr (tonic_audit_event_get_action (g_ptr_array_index (events, 0)), ==, "idle-lock");
  g_assert_cmpstr (tonic_audit_event_get_action (g_ptr_array_index (events, 1)), ==,
                   "staff.manage");
  g_assert_cmpint (tonic_audit_event_get_outcome (g_ptr_array_index (events, 1)), ==,
                   TONIC_AUDIT_DENIED);
  g_assert_cmpstr (tonic_audit_event_get_action (g_ptr_array_index (events, 2)), ==, "sign-in");
  g_assert_cmpstr (tonic_audit_event_get_staff_name (g_ptr_array_index (events, 2)), ==,
                   "Nadia Nørd");
  g_clear_pointer (&events, g_ptr_array_unref);

  /* By time: [from, until). */
  memset (&query, 0, sizeof query);
  query.from = "2000-01-01T00:00:00Z";
  query.until = "2999-01-01T00:00:00Z";
  events = store_test_list_audit (fixture->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, head);
  g_clear_pointer (&events, g_ptr_array_unref);
  query.from = "2999-01-01T00:00:00Z";
  query.until = NULL;
  events = store_test_list_audit (fixture->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);
  query.from = NULL;
  query.until = "2000-01-01T00:00:00Z";
  events = store_test_list_audit (fixture->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* A value that would break a concatenated query is just a value. */
  memset (&query, 0, sizeof query);
  query.action = "x' OR '1'='1";
  events = store_test_list_audit (fixture->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 0);
}

static void
test_record_event (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *long_detail = g_strnfill (1001, 'x');
  guint rows;

  g_assert_true (store_test_audit (fixture->store, "export.csv", 7, "patient", "7", NULL,
                                   &error));
  g_assert_no_error (error);
  g_assert_cmpuint (store_test_count_audit (fixture->store, "export.csv", "ok", 0), ==, 1);

  rows = store_test_count_audit (fixture->store, NULL, NULL, 0);

  /* Names are short, lower-case ASCII words; details are short. */
  g_assert_false (store_test_audit (fixture->store, "", 0, NULL, NULL, NULL, &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (store_test_audit (fixture->store, "Report Print", 0, NULL, NULL, NULL, &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (store_test_audit (fixture->store, "report.print", 0, NULL, NULL, long_detail,
                                    &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (store_test_count_audit (fixture->store, NULL, NULL, 0), ==, rows);

  /* Nobody signed in: refused, and that is recorded. */
  g_assert_true (store_test_sign_out (fixture->store, TONIC_SIGN_OUT_USER, &error));
  g_assert_false (store_test_audit (fixture->store, "export.csv", 7, "patient", "7", NULL,
                                    &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpuint (store_test_count_audit (fixture->store, "export.csv", "denied", -1), ==, 1);

  /* The head needs nobody. */
  {
    g_autofree char *hash = NULL;
    gint64 head = 0;

    get_head (fixture, &head, &hash);
    g_assert_cmpint (head, ==, rows + 2);
    g_assert_true (store_test_check_audit_head (fixture->store, head, hash, &error));
    g_assert_no_error (error);
    g_assert_true (store_test_check_audit_head (fixture->store, 0, NULL, &error));
    g_assert_no_error (error);
  }
}

/* The announced head is the head, in the context the store was opened in. */
typedef struct
{
  GThread *thread;
  gint64   sequence;
  char    *hash;
  guint    count;
} Announced;

static void
on_audit_appended (TonicStore *store,
                   gint64      sequence,
                   const char *hash,
                   gpointer    user_data)
{
  Announced *announced = user_data;

  g_assert_true (g_thread_self () == announced->thread);
  g_assert_cmpint (sequence, >, announced->sequence);
  announced->sequence = sequence;
  g_free (announced->hash);
  announced->hash = g_strdup (hash);
  announced->count++;
}

static void
test_announced_head (Fixture       *fixture,
                     gconstpointer  user_data)
{
  Announced announced = { g_thread_self (), 0, NULL, 0 };
  g_autofree char *hash = NULL;
  gint64 head = 0;
  gulong handler;

  store_test_flush (fixture->store);
  handler = g_signal_connect (fixture->store, "audit-appended", G_CALLBACK (on_audit_appended),
                              &announced);

  do_audited_work (fixture, "a", 5);
  store_test_flush (fixture->store);
  get_head (fixture, &head, &hash);

  g_assert_cmpuint (announced.count, >=, 5);
  g_assert_cmpint (announced.sequence, ==, head);
  g_assert_cmpstr (announced.hash, ==, hash);

  /* Reads announce nothing. */
  announced.count = 0;
  g_clear_pointer (&hash, g_free);
  get_head (fixture, &head, &hash);
  store_test_flush (fixture->store);
  g_assert_cmpuint (announced.count, ==, 0);

  g_signal_handler_disconnect (fixture->store, handler);
  g_free (announced.hash);
}

/* -- Tampering ---------------------------------------------------------------- */

static sqlite3 *
raw_open (Fixture *fixture)
{
  close_store (fixture);

  return store_test_raw_open (fixture->path, fixture->key);
}

static void
raw_close (sqlite3 *db)
{
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
drop_triggers (sqlite3 *db)
{
  store_test_raw_exec (db,
                       "DROP TRIGGER audit_log_no_update;"
                       "DROP TRIGGER audit_log_no_delete;");
}

static void
test_append_only (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *db;

  do_audited_work (fixture, "a", 3);

  /* Through the store's own connection... */
  store_test_assert_query_error (fixture->store, "UPDATE audit_log SET detail = 'x'",
                                 TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  store_test_assert_query_error (fixture->store, "DELETE FROM audit_log WHERE sequence = 2",
                                 TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  store_test_assert_query_error (fixture->store, "DELETE FROM audit_log",
                                 TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  close_store (fixture);
  before = store_test_checksum (fixture->path);

  /* ...and any other. */
  db = raw_open (fixture);
  store_test_raw_refused (db, "UPDATE audit_log SET detail = 'edited' WHERE sequence = 3",
                          "the audit trail is append-only");
  store_test_raw_refused (db, "UPDATE audit_log SET sequence = sequence + 100",
                          "the audit trail is append-only");
  store_test_raw_refused (db, "DELETE FROM audit_log WHERE sequence = 2",
                          "the audit trail is append-only");
  raw_close (db);

  after = store_test_checksum (fixture->path);
  g_assert_cmpstr (before, ==, after);
  reopen_signed_in (fixture);
  g_assert_cmpint (verify (fixture), ==, 0);
}

static void
test_edited_row (Fixture       *fixture,
                 gconstpointer  user_data)
{
  sqlite3 *db;

  do_audited_work (fixture, "a", 10);
  db = raw_open (fixture);
  drop_triggers (db);
  store_test_raw_exec (db, "UPDATE audit_log SET detail = 'nothing to see' WHERE sequence = 7");
  raw_close (db);

  reopen_signed_in (fixture);
  g_assert_cmpint (verify (fixture), ==, 7);
  store_test_assert_query (fixture->store,
                           "SELECT detail FROM audit_log WHERE action_name = 'audit.verify'",
                           "broken at 7");

  /* Any column counts, and the first break is named: here the emergency
   * flag of an earlier row, then a staff id made NULL. */
  db = raw_open (fixture);
  store_test_raw_exec (db, "UPDATE audit_log SET emergency = 1 WHERE sequence = 4");
  raw_close (db);
  reopen_signed_in (fixture);
  g_assert_cmpint (verify (fixture), ==, 4);

  db = raw_open (fixture);
  store_test_raw_exec (db, "UPDATE audit_log SET emergency = 0 WHERE sequence = 4;"
                           "UPDATE audit_log SET staff_id = NULL WHERE sequence = 2;");
  raw_close (db);
  reopen_signed_in (fixture);
  g_assert_cmpint (verify (fixture), ==, 2);
}

static void
test_deleted_row (Fixture       *fixture,
                  gconstpointer  user_data)
{
  sqlite3 *db;

  do_audited_work (fixture, "a", 10);
  db = raw_open (fixture);
  drop_triggers (db);
  store_test_raw_exec (db, "DELETE FROM audit_log WHERE sequence = 9");
  raw_close (db);

  /* The gap is named: the number that should be there. */
  reopen_signed_in (fixture);
  g_assert_cmpint (verify (fixture), ==, 9);

  /* The first row too. */
  db = raw_open (fixture);
  store_test_raw_exec (db, "DELETE FROM audit_log WHERE sequence = 1");
  raw_close (db);
  reopen_signed_in (fixture);
  g_assert_cmpint (verify (fixture), ==, 1);
}

static void
test_swapped_rows (Fixture       *fixture,
                   gconstpointer  user_data)
{
  static const char * const swap_everything =
    /* Everything but the sequence numbers: rows 5 and 8 trade places. */
    "CREATE TEMP TABLE saved AS SELECT * FROM audit_log WHERE sequence IN (5, 8);"
    "UPDATE audit_log SET hash = 'moving-' || sequence WHERE sequence IN (5, 8);"
    "UPDATE audit_log SET (occurred_at, staff_id, action_name, patient_id, object_type,"
    "                      object_id, outcome, detail, emergency, prev_hash, hash) ="
    " (SELECT occurred_at, staff_id, action_name, patient_id, object_type, object_id,"
    "         outcome, detail, emergency, prev_hash, hash"
    "  FROM saved WHERE saved.sequence = 13 - audit_log.sequence)"
    " WHERE sequence IN (5, 8);"
    "DROP TABLE saved;";
  static const char * const swap_contents =
    /* Only what the rows say; their hashes stay in place. */
    "CREATE TEMP TABLE saved AS SELECT * FROM audit_log WHERE sequence IN (5, 8);"
    "UPDATE audit_log SET (occurred_at, staff_id, action_name, patient_id, object_type,"
    "                      object_id, outcome, detail, emergency) ="
    " (SELECT occurred_at, staff_id, action_name, patient_id, object_type, object_id,"
    "         outcome, detail, emergency"
    "  FROM saved WHERE saved.sequence = 13 - audit_log.sequence)"
    " WHERE sequence IN (5, 8);"
    "DROP TABLE saved;";
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.db", NULL);
  sqlite3 *db;

  do_audited_work (fixture, "a", 10);
  close_store (fixture);
  store_test_copy_file (fixture->path, copy);

  db = raw_open (fixture);
  drop_triggers (db);
  store_test_raw_exec (db, swap_everything);
  raw_close (db);
  reopen_signed_in (fixture);
  g_assert_cmpint (verify (fixture), ==, 5);

  close_store (fixture);
  store_test_copy_file (copy, fixture->path);
  db = raw_open (fixture);
  drop_triggers (db);
  store_test_raw_exec (db, swap_contents);
  raw_close (db);
  reopen_signed_in (fixture);
  g_assert_cmpint (verify (fixture), ==, 5);
}

/* Deleting the newest rows leaves a chain that is whole as far as it goes:
 * only the head recorded outside the database shows what is missing. */
static void
test_deleted_tail (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TonicStaff) actor = NULL;
  g_autofree char *hash = NULL;
  gint64 head = 0;
  sqlite3 *db;

  do_audited_work (fixture, "a", 10);
  get_head (fixture, &head, &hash);

  db = raw_open (fixture);
  drop_triggers (db);
  store_test_raw_exec (db, "DELETE FROM audit_log"
                           " WHERE sequence > (SELECT MAX(sequence) - 3 FROM audit_log)");
  raw_close (db);

  /* At open, before anyone signs in, as the application does. */
  fixture->store = store_test_open (fixture->path, fixture->key, TONIC_STORE_OPEN_KEY_VERIFIED,
                                    &error);
  g_assert_no_error (error);
  g_assert_false (store_test_check_audit_head (fixture->store, head, hash, &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_ROLLED_BACK);
  g_assert_nonnull (strstr (error->message, " 3 audit entries are missing"));
  g_clear_error (&error);

  /* The verifier alone sees nothing wrong. */
  actor = store_test_sign_in (fixture->store, STORE_TEST_ADMIN_USER, STORE_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpint (verify (fixture), ==, 0);
}

/* The database file replaced by an older copy of itself. */
static void
test_rolled_back (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *old_copy = g_build_filename (fixture->dir, "old.db", NULL);
  g_autofree char *other_copy = g_build_filename (fixture->dir, "other.db", NULL);
  g_autofree char *old_hash = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *now_hash = NULL;
  g_autoptr(GError) error = NULL;
  gint64 old_head = 0;
  gint64 head = 0;
  gint64 now_head = 0;

  do_audited_work (fixture, "a", 5);
  get_head (fixture, &old_head, &old_hash);
  close_store (fixture);
  store_test_copy_file (fixture->path, old_copy);

  /* More work; the application records the head outside the database. */
  reopen_signed_in (fixture);
  do_audited_work (fixture, "b", 5);
  get_head (fixture, &head, &hash);
  g_assert_cmpint (head, >, old_head + 5);
  close_store (fixture);
  store_test_copy_file (fixture->path, other_copy);

  /* Someone puts the old file back. */
  store_test_copy_file (old_copy, fixture->path);
  fixture->store = store_test_open (fixture->path, fixture->key, TONIC_STORE_OPEN_KEY_VERIFIED,
                                    &error);
  g_assert_no_error (error);

  g_assert_false (store_test_check_audit_head (fixture->store, head, hash, &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_ROLLED_BACK);
  {
    g_autofree char *count = g_strdup_printf (" %" G_GINT64_FORMAT " audit entries are missing",
                                              head - old_head);

    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, count));
  }
  g_clear_error (&error);

  /* The old copy is whole in itself: only the recorded head tells. */
  g_assert_true (store_test_check_audit_head (fixture->store, old_head, old_hash, &error));
  g_assert_no_error (error);
  {
    g_autoptr(TonicStaff) actor = store_test_sign_in (fixture->store, STORE_TEST_ADMIN_USER,
                                                      STORE_TEST_PASSWORD, &error);

    g_assert_no_error (error);
  }
  g_assert_cmpint (verify (fixture), ==, 0);

  /* One entry missing: the singular. */
  get_head (fixture, &now_head, &now_hash);
  g_clear_pointer (&now_hash, g_free);
  g_assert_false (store_test_check_audit_head (fixture->store, now_head + 1, hash, &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_ROLLED_BACK);
  g_assert_nonnull (strstr (error->message, " 1 audit entry is missing"));
  g_clear_error (&error);

  /* The old copy carried on with other work until it is as long: the
   * entry at the recorded head differs. */
  do_audited_work (fixture, "c", 10);
  get_head (fixture, &now_head, &now_hash);
  g_assert_cmpint (now_head, >=, head);
  g_assert_false (store_test_check_audit_head (fixture->store, head, hash, &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_ROLLED_BACK);
  {
    g_autofree char *entry = g_strdup_printf ("Audit entry %" G_GINT64_FORMAT " ", head);

    g_test_message ("%s", error->message);
    g_assert_true (g_str_has_prefix (error->message, entry));
    g_assert_nonnull (strstr (error->message, "differs"));
  }
  g_clear_error (&error);
  close_store (fixture);

  /* The right file passes. */
  store_test_copy_file (other_copy, fixture->path);
  fixture->store = store_test_open (fixture->path, fixture->key, TONIC_STORE_OPEN_KEY_VERIFIED,
                                    &error);
  g_assert_no_error (error);
  g_assert_true (store_test_check_audit_head (fixture->store, head, hash, &error));
  g_assert_no_error (error);
}

/* Cut short: the newest rows gone, and (as a truncated file would be) the
 * rest consistent. */
static void
test_truncated (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  gint64 head = 0;
  sqlite3 *db;

  do_audited_work (fixture, "a", 10);
  get_head (fixture, &head, &hash);

  db = raw_open (fixture);
  drop_triggers (db);
  store_test_raw_exec (db, "DELETE FROM audit_log WHERE sequence > 10");
  raw_close (db);

  fixture->store = store_test_open (fixture->path, fixture->key, TONIC_STORE_OPEN_KEY_VERIFIED,
                                    &error);
  g_assert_no_error (error);
  g_assert_false (store_test_check_audit_head (fixture->store, head, hash, &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_ROLLED_BACK);
  {
    g_autofree char *count = g_strdup_printf (" %" G_GINT64_FORMAT " audit entries are missing",
                                              head - 10);

    g_assert_nonnull (strstr (error->message, count));
  }
  g_clear_error (&error);

  /* Emptied altogether. */
  close_store (fixture);
  db = raw_open (fixture);
  store_test_raw_exec (db, "DELETE FROM audit_log");
  raw_close (db);
  fixture->store = store_test_open (fixture->path, fixture->key, TONIC_STORE_OPEN_KEY_VERIFIED,
                                    &error);
  g_assert_no_error (error);
  g_assert_false (store_test_check_audit_head (fixture->store, head, hash, &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_ROLLED_BACK);
  g_clear_error (&error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/audit/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("chain-intact", test_chain_intact);
  ADD ("list", test_list);
  ADD ("record-event", test_record_event);
  ADD ("announced-head", test_announced_head);
  ADD ("append-only", test_append_only);
  ADD ("tamper/edited-row", test_edited_row);
  ADD ("tamper/deleted-row", test_deleted_row);
  ADD ("tamper/swapped-rows", test_swapped_rows);
  ADD ("tamper/deleted-tail", test_deleted_tail);
  ADD ("head/rolled-back", test_rolled_back);
  ADD ("head/truncated", test_truncated);

#undef ADD

  return g_test_run ();
}
